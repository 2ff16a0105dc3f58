package dev.shopsync.time;

import java.time.Duration;

/**
 * A wait Shopify asked for, or an answer still awaited, does not fit before the deadline: the slice ends early and
 * resumes later.
 */
public class DeadlineReachedException extends RuntimeException {

    private final Duration wanted;

    public DeadlineReachedException(String shop, Duration wanted, Duration remaining) {
        this("shop " + shop + ": waiting " + wanted.toMillis() + " ms would pass the deadline ("
                + remaining.toMillis() + " ms left)", wanted);
    }

    private DeadlineReachedException(String message, Duration wanted) {
        super(message);
        this.wanted = wanted;
    }

    /** A call was given the time left before the deadline and had no answer when it ran out: it was abandoned. */
    public static DeadlineReachedException noAnswerWithin(String what, Duration left) {
        return new DeadlineReachedException(what + ": no answer within the " + left.toMillis()
                + " ms left before the deadline", left);
    }

    public Duration wanted() {
        return wanted;
    }
}
