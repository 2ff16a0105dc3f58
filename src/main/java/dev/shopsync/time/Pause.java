package dev.shopsync.time;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Waits a computed duration, never past a deadline. The only place the sync blocks on time, so that every
 * wait is bounded and reported.
 */
@ApplicationScoped
public class Pause {

    /** @return the milliseconds actually waited */
    public long waitFor(String shop, Duration wait, Deadline deadline) {
        if (!deadline.allows(wait, Duration.ZERO)) {
            throw new DeadlineReachedException(shop, wait, deadline.remaining());
        }
        long start = System.nanoTime();
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadlineReachedException(shop, wait, Duration.ZERO);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
