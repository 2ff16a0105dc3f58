package dev.shopsync.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Shopify's cost bucket for one app and shop: points restore continuously at {@code restoreRate} per second up to
 * {@code maximumAvailable}; a query reserves its requested cost up front and gets the unused part back afterwards.
 * Every method is synchronized so concurrent requests see one consistent balance.
 */
final class LeakyBucket {

    /** The outcome of a reservation; {@code status} is the bucket right after it (unchanged when refused). */
    record Reservation(boolean granted, ThrottleSnapshot status) {
    }

    private double maximumAvailable;
    private double restoreRate;
    private double available;
    private Instant restoredUpTo;

    LeakyBucket(ShopPlan plan, Instant now) {
        reset(plan, now);
    }

    synchronized void reset(ShopPlan plan, Instant now) {
        maximumAvailable = plan.maximumAvailable();
        restoreRate = plan.restoreRate();
        available = maximumAvailable;
        restoredUpTo = now;
    }

    synchronized Reservation tryReserve(int points, Instant now) {
        restore(now);
        if (points > available) {
            return new Reservation(false, snapshot());
        }
        available -= points;
        return new Reservation(true, snapshot());
    }

    synchronized ThrottleSnapshot refund(int points, Instant now) {
        restore(now);
        available = Math.min(maximumAvailable, available + points);
        return snapshot();
    }

    synchronized ThrottleSnapshot status(Instant now) {
        restore(now);
        return snapshot();
    }

    private void restore(Instant now) {
        // A clock that steps backwards (a test rewinding it) must not drain the bucket.
        if (now.isAfter(restoredUpTo)) {
            double seconds = Duration.between(restoredUpTo, now).toNanos() / 1e9;
            available = Math.min(maximumAvailable, available + seconds * restoreRate);
            restoredUpTo = now;
        }
    }

    private ThrottleSnapshot snapshot() {
        return new ThrottleSnapshot(maximumAvailable, available, restoreRate);
    }
}
