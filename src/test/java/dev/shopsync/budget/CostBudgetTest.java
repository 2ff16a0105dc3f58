package dev.shopsync.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Lua bucket against real Redis: atomic under concurrency, learned from Shopify, lanes respected. */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CostBudgetTest {

    private static final String SHOP = "budget-test.myshopify.com";

    @Inject
    CostBudget budget;

    @Inject
    TestData data;

    @BeforeEach
    void clean() {
        data.deleteRedisKeys(SHOP);
    }

    @Test
    void eightConcurrentReserversNeverOverReserveAndNeverGoNegative() throws Exception {
        double maximum = 1000;
        double restoreRate = 20;
        learn(maximum, maximum, restoreRate);
        long start = System.nanoTime();
        AtomicLong granted = new AtomicLong();
        AtomicLong attempts = new AtomicLong();
        ConcurrentLinkedQueue<Double> availableSeen = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            long seed = w;
            workers.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < 150; i++) {
                    int cost = random.nextInt(1, 300);
                    String id = UUID.randomUUID().toString();
                    Reservation reservation = budget.tryReserve(SHOP, cost, Lane.WEBHOOK, id);
                    attempts.incrementAndGet();
                    availableSeen.add(reservation.available());
                    if (reservation.granted()) {
                        granted.addAndGet(cost);
                        // spent in full: nothing refunded, so only the restore rate brings points back
                        budget.settle(new Lease(SHOP, id, cost), new QueryCost(cost, cost, null), true);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertTrue(availableSeen.stream().allMatch(a -> a >= 0), "available went negative: "
                + availableSeen.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        double ceiling = maximum + restoreRate * seconds;
        assertTrue(granted.get() <= ceiling + 1, "granted " + granted.get() + " points but only " + ceiling
                + " existed in " + seconds + " s");
        assertTrue(granted.get() >= maximum * 0.7, "the bucket must actually be used, granted " + granted.get());
        assertEquals(1200, attempts.get());
        assertTrue(budget.view(SHOP).available() >= 0);
    }

    @Test
    void planAndLevelAreLearnedFromShopifyAndRefundsComeBack() {
        learn(4000, 3000, 200);
        CostBudget.BucketView learned = budget.view(SHOP);
        assertEquals(4000, learned.maximum());
        assertEquals(200, learned.restoreRate());

        Reservation first = budget.tryReserve(SHOP, 500, Lane.WEBHOOK, "a");
        assertTrue(first.granted());
        assertTrue(first.available() < 2600, "reserved 500 of about 3000: " + first.available());
        double afterRefund = budget.settle(new Lease(SHOP, "a", 500), new QueryCost(500, 100, null), true);
        assertTrue(afterRefund >= first.available() + 400, "400 unspent points are refunded");
    }

    @Test
    void lowerLanesLeaveTheReserveToHigherOnes() {
        learn(1000, 300, 1);
        // the default reserve is 20%: backfill keeps 200 points, incremental 100, webhooks may take all
        Reservation backfill = budget.tryReserve(SHOP, 150, Lane.BACKFILL, "b");
        assertTrue(!backfill.granted(), "backfill may not go below 200 points");
        assertTrue(backfill.waitNeeded().toMillis() > 40_000, "it is told how long to wait: " + backfill.waitNeeded());
        assertTrue(budget.tryReserve(SHOP, 150, Lane.INCREMENTAL, "i").granted());
        assertTrue(budget.tryReserve(SHOP, 150, Lane.WEBHOOK, "w").granted());
    }

    @Test
    void aQueryLargerThanTheWholeBucketIsRefusedAtOnce() {
        learn(1000, 1000, 50);
        BudgetExceededException refused = assertThrows(BudgetExceededException.class,
                () -> budget.tryReserve(SHOP, 1200, Lane.WEBHOOK, "x"));
        assertEquals("shop budget-test.myshopify.com: a query costing 1200 points can never fit its bucket of "
                + "1000 points; use smaller pages", refused.getMessage());
    }

    /** Teaches the bucket a plan and level the way a Shopify answer does. */
    private void learn(double maximum, double available, double restoreRate) {
        Reservation probe = budget.tryReserve(SHOP, 1, Lane.WEBHOOK, "probe");
        assertTrue(probe.granted());
        budget.settle(new Lease(SHOP, "probe", 1),
                new QueryCost(1, 1, new ThrottleStatus(maximum, available, restoreRate)), true);
    }
}
