package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The plan's decisions without HTTP: rates, seeds, bursts and the queue in front of them. */
class FaultPlanTest {

    private static final FaultRates MIXED = FaultRates.none()
            .withHttp429(0.05, "2.0")
            .withHttp5xx(0.10)
            .withSlow(0.05, Duration.ofMillis(250))
            .withDropConnection(0.02)
            .withTruncateBody(0.03)
            .withThrottledBurst(0.01, 4);

    @Test
    void withoutRatesEveryRequestIsServedNormally() {
        FaultPlan plan = new FaultPlan();
        assertEquals(FaultRates.none(), plan.rates());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(FaultPlan.Fault.NONE, plan.next());
        }
    }

    @Test
    void eachKindComesAtItsRate() {
        FaultPlan plan = new FaultPlan().seed(42).rates(MIXED);
        int draws = 20_000;
        Map<FaultPlan.Kind, Integer> seen = new EnumMap<>(FaultPlan.Kind.class);
        int bursts = 0;
        for (int i = 0; i < draws; i++) {
            FaultPlan.Fault fault = plan.next();
            seen.merge(fault.kind(), 1, Integer::sum);
            if (fault.kind() == FaultPlan.Kind.THROTTLED && plan.pending() == 3) {
                bursts++;
            }
        }
        assertNear(0.05, seen.get(FaultPlan.Kind.HTTP_429), draws);
        assertNear(0.10, seen.get(FaultPlan.Kind.HTTP_5XX), draws);
        assertNear(0.05, seen.get(FaultPlan.Kind.SLOW), draws);
        assertNear(0.02, seen.get(FaultPlan.Kind.DROP_CONNECTION), draws);
        assertNear(0.03, seen.get(FaultPlan.Kind.TRUNCATE_BODY), draws);
        // Burst requests do not draw, so bursts start at the rate among the requests that do.
        int drawn = draws - 3 * bursts;
        assertNear(0.01, bursts, drawn);
        assertTrue(seen.get(FaultPlan.Kind.THROTTLED) >= 4 * bursts - 3, "every burst runs its length");
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        List<FaultPlan.Fault> first = sequence(new FaultPlan().seed(7).rates(MIXED), 2_000);
        assertEquals(first, sequence(new FaultPlan().seed(7).rates(MIXED), 2_000));
        assertNotEquals(first, sequence(new FaultPlan().seed(8).rates(MIXED), 2_000));
        // Re-seeding restarts the sequence.
        FaultPlan plan = new FaultPlan().seed(7).rates(MIXED);
        sequence(plan, 100);
        assertEquals(first.subList(0, 50), sequence(plan.seed(7), 50));
    }

    @Test
    void aDrawnFaultCarriesTheConfiguredDetails() {
        FaultPlan plan = new FaultPlan().rates(FaultRates.none().withHttp429(1, "1.0"));
        assertEquals(FaultPlan.Fault.http429("1.0"), plan.next());
        plan.rates(FaultRates.none().withHttp5xx(1));
        assertEquals(503, plan.next().status());
        plan.rates(FaultRates.none().withSlow(1, Duration.ofMillis(80)));
        assertEquals(FaultPlan.Fault.slow(Duration.ofMillis(80)), plan.next());
    }

    @Test
    void queuedFaultsComeFirstThenTheRunningBurstThenDraws() {
        FaultPlan plan = new FaultPlan().rates(FaultRates.none().withThrottledBurst(1, 3));
        plan.respond429Next(1, "1.5").respond5xxNext(1, 502);
        assertEquals(2, plan.pending());
        assertEquals(FaultPlan.Kind.HTTP_429, plan.next().kind());
        assertEquals(502, plan.next().status());

        assertEquals(FaultPlan.Kind.THROTTLED, plan.next().kind());
        assertEquals(2, plan.pending(), "the rest of the burst is decided already");
        plan.rates(FaultRates.none());
        plan.respond5xxNext(1, 503);
        assertEquals(FaultPlan.Kind.HTTP_5XX, plan.next().kind(), "a fault queued during a burst still comes first");
        assertEquals(FaultPlan.Kind.THROTTLED, plan.next().kind());
        assertEquals(FaultPlan.Kind.THROTTLED, plan.next().kind());
        assertEquals(FaultPlan.Kind.NONE, plan.next().kind());
        assertEquals(0, plan.pending());
    }

    @Test
    void clearEndsEverything() {
        FaultPlan plan = new FaultPlan().rates(FaultRates.none().withThrottledBurst(1, 10));
        plan.next();
        plan.respond429Next(2, "1");
        plan.clear();
        assertEquals(0, plan.pending());
        assertEquals(FaultRates.none(), plan.rates());
        assertEquals(FaultPlan.Fault.NONE, plan.next());
    }

    @Test
    void nonsenseRatesAreRefused() {
        FaultRates none = FaultRates.none();
        assertThrows(IllegalArgumentException.class, () -> none.withHttp5xx(1.5));
        assertThrows(IllegalArgumentException.class, () -> none.withHttp5xx(-0.1));
        assertThrows(IllegalArgumentException.class, () -> none.withHttp5xx(0.6).withDropConnection(0.5));
        assertThrows(IllegalArgumentException.class, () -> none.withThrottledBurst(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> none.withSlow(0.1, Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> none.withHttp429(0.1, null));
        // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in doubles: still accepted.
        assertEquals(0.7, none.withHttp5xx(0.1).withHttp429(0.2, "1").withSlow(0.7, Duration.ZERO).slow());
    }

    private static List<FaultPlan.Fault> sequence(FaultPlan plan, int n) {
        List<FaultPlan.Fault> faults = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            faults.add(plan.next());
        }
        return faults;
    }

    /** Within four standard deviations of the binomial, so the fixed seed passes on merit, not by being picked. */
    private static void assertNear(double rate, Integer count, int trials) {
        double expected = rate * trials;
        double tolerance = 4 * Math.sqrt(trials * rate * (1 - rate));
        int actual = count == null ? 0 : count;
        assertTrue(Math.abs(actual - expected) <= tolerance,
                () -> "expected about " + expected + " ± " + tolerance + ", got " + actual);
    }
}
