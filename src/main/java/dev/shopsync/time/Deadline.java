package dev.shopsync.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The instant by which a unit of work must have finished; every wait is checked against it. */
public record Deadline(Instant at, Clock clock) {

    public static Deadline after(Duration duration, Clock clock) {
        return new Deadline(clock.instant().plus(duration), clock);
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** True if {@code wait} can be spent and still leave {@code reserve} before the deadline. */
    public boolean allows(Duration wait, Duration reserve) {
        return remaining().compareTo(wait.plus(reserve)) >= 0;
    }

    public Deadline earliest(Deadline other) {
        return other.at.isBefore(at) ? other : this;
    }
}
