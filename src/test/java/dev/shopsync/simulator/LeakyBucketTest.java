package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class LeakyBucketTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void restoresAtTheRestoreRateUpToTheMaximum() {
        LeakyBucket bucket = new LeakyBucket(ShopPlan.STANDARD, T0);
        assertTrue(bucket.tryReserve(1_000, T0).granted());
        assertTrue(bucket.tryReserve(900, T0).granted());
        LeakyBucket.Reservation refused = bucket.tryReserve(200, T0);
        assertFalse(refused.granted());
        assertEquals(100, refused.status().currentlyAvailable(), 1e-9);
        assertEquals(350, bucket.status(T0.plusMillis(2_500)).currentlyAvailable(), 1e-9);
        assertEquals(2_000, bucket.status(T0.plus(Duration.ofMinutes(5))).currentlyAvailable(), 1e-9);
    }

    @Test
    void refundsNeverOverfillAndPlanChangesRefill() {
        LeakyBucket bucket = new LeakyBucket(ShopPlan.STANDARD, T0);
        bucket.tryReserve(442, T0);
        assertEquals(1_800, bucket.refund(242, T0).currentlyAvailable(), 1e-9);
        assertEquals(2_000, bucket.refund(5_000, T0).currentlyAvailable(), 1e-9);
        bucket.reset(ShopPlan.PLUS, T0);
        ThrottleSnapshot plus = bucket.status(T0);
        assertEquals(new ThrottleSnapshot(20_000, 20_000, 1_000), plus);
    }

    @Test
    void concurrentReservationsNeverOverdraw() throws Exception {
        LeakyBucket bucket = new LeakyBucket(ShopPlan.custom(1_000, 1), T0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(() -> bucket.tryReserve(7, T0).granted());
            }
            int granted = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                granted += f.get() ? 1 : 0;
            }
            assertEquals(1_000 / 7, granted);
            assertEquals(1_000 - 7 * granted, bucket.status(T0).currentlyAvailable(), 1e-9);
        } finally {
            pool.shutdownNow();
        }
    }
}
