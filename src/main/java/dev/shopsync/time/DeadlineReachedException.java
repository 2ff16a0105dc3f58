package dev.shopsync.time;

import java.time.Duration;

/** A wait Shopify asked for does not fit before the deadline: the slice ends early and resumes later. */
public class DeadlineReachedException extends RuntimeException {

    private final Duration wanted;

    public DeadlineReachedException(String shop, Duration wanted, Duration remaining) {
        super("shop " + shop + ": waiting " + wanted.toMillis() + " ms would pass the deadline ("
                + remaining.toMillis() + " ms left)");
        this.wanted = wanted;
    }

    public Duration wanted() {
        return wanted;
    }
}
