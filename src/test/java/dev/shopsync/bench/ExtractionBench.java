package dev.shopsync.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.shop.AccessToken;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.simulator.CatalogSpec;
import dev.shopsync.simulator.FaultRates;
import dev.shopsync.simulator.ProductTruth;
import dev.shopsync.simulator.ShopPlan;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimCounters;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.simulator.SimulatorOptions;
import dev.shopsync.support.TestData;
import dev.shopsync.sync.SliceEngine;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * How much of Shopify's budget the sync turns into records, against two ceilings measured in the same run:
 * the cost ceiling ((bucket level at start + restore rate x run time) / actual cost per record) and the
 * latency ceiling (records per page / page latency x concurrent pagers). Three runs on a Standard-plan
 * simulated shop with a realistic 300 ms per request: one slice stream; four concurrent partitions of one
 * shop sharing its bucket (cost-bound by construction); and a fault run (10% 5xx, 5% timeouts) that must end
 * equal to the simulator's truth. Run with {@code ./mvnw -B verify -Pbench -Dbench=extraction}.
 */
@QuarkusTest
@ExtendWith(FlightRecording.class)
@TestProfile(BenchProfile.class)
@Tag("extraction")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ExtractionBench {

    private static final String TOKEN = "shpat_bench";
    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final Duration LATENCY = Duration.ofMillis(300);

    @Inject
    SliceEngine engine;

    @Inject
    ShopDirectory directory;

    @Inject
    TestData data;

    @Inject
    ObjectMapper json;

    @Test
    void extraction() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        try (ShopifySimulator simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(LATENCY))) {
            Run single = timedRun(simulator, "bench-single.myshopify.com", 1);
            Run four = timedRun(simulator, "bench-four.myshopify.com", 4);
            boolean faultRunEqual = faultRun(simulator, "bench-faults.myshopify.com");

            result.put("run_seconds", RUN.toSeconds());
            result.put("latency_ms", LATENCY.toMillis());
            result.put("plan", "Standard 2000/100");
            result.put("cost_ceiling_rps", round(single.costCeiling()));
            result.put("latency_ceiling_rps", round(single.latencyCeiling()));
            result.put("rps", round(single.rps()));
            result.put("ratio", round(single.ratio()));
            result.put("throttled_pct", round(single.throttledPct()));
            result.put("binding", single.binding());
            result.put("cost_per_record", round(single.costPerRecord()));
            result.put("cost_ceiling_rps_4x", round(four.costCeiling()));
            result.put("latency_ceiling_rps_4x", round(four.latencyCeiling()));
            result.put("rps_4x", round(four.rps()));
            result.put("ratio_4x", round(four.rps() / four.costCeiling()));
            result.put("binding_4x", four.binding());
            result.put("throttled_pct_4x", round(four.throttledPct()));
            result.put("fault_run_equal_truth", faultRunEqual);
        }
        BenchReport.publish(json, "extraction", result);
    }

    /** {@code pagers} concurrent slice streams over disjoint updated_at partitions, for {@link #RUN}. */
    private Run timedRun(ShopifySimulator simulator, String domain, int pagers) throws Exception {
        SimulatedShop shop = simulator.addShop(domain, TOKEN, ShopPlan.STANDARD,
                new CatalogSpec(pagers * 101L, 40_000, BASE, 0));
        register(simulator, domain);
        data.reset(domain);
        List<Instant[]> windows = partitions(shop.products(), pagers);
        SimCounters.Snapshot before = shop.counters().snapshot();
        double levelAtStart = shop.throttleStatus().currentlyAvailable();
        double restoreRate = shop.throttleStatus().restoreRate();
        long start = System.nanoTime();
        long deadline = start + RUN.toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(pagers);
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        reporter.scheduleAtFixedRate(() -> System.out.printf("bench extraction: %dx %s: %d products stored after "
                + "%.0f s%n", pagers, domain, data.count("SELECT count(*) FROM product WHERE shop_id = ?",
                        data.shopId(domain)), (System.nanoTime() - start) / 1e9), 10, 10, TimeUnit.SECONDS);
        List<Future<Totals>> futures = new ArrayList<>();
        for (Instant[] window : windows) {
            futures.add(pool.submit(() -> pageUntil(domain, window, pagers > 1, deadline)));
        }
        Totals totals = new Totals();
        for (Future<Totals> future : futures) {
            totals.add(future.get());
        }
        pool.shutdown();
        reporter.shutdownNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        SimCounters.Snapshot after = shop.counters().snapshot();
        long actualCost = after.actualCostCharged() - before.actualCostCharged();
        long requests = after.requests() - before.requests();
        long throttled = after.throttled() - before.throttled();
        Run run = new Run(totals.records, seconds, actualCost, levelAtStart, restoreRate, totals.pages,
                totals.requestMs, pagers, requests, throttled);
        System.out.printf("bench extraction: %dx done: %d records in %.1f s (%.1f/s), cost ceiling %.1f/s, "
                + "latency ceiling %.1f/s, ratio %.3f, throttled %d of %d requests%n", pagers, run.records(),
                seconds, run.rps(), run.costCeiling(), run.latencyCeiling(), run.ratio(), throttled, requests);
        return run;
    }

    private Totals pageUntil(String domain, Instant[] window, boolean partitioned, long deadline) {
        Totals totals = new Totals();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left < TimeUnit.SECONDS.toNanos(1)) {
                return totals;
            }
            int seconds = (int) TimeUnit.NANOSECONDS.toSeconds(left);
            SliceRequest request = partitioned
                    ? new SliceRequest(domain, "products", null, seconds, window[0], window[1])
                    : new SliceRequest(domain, "products", null, seconds);
            SliceResult result = engine.run(request, Optional.empty());
            totals.add(result);
            if (!result.hasMore()) {
                return totals;
            }
        }
    }

    /** 10% 5xx and 5% timeouts until the shop is synced; then the database must equal the truth. */
    private boolean faultRun(ShopifySimulator simulator, String domain) {
        SimulatedShop shop = simulator.addShop(domain, TOKEN, ShopPlan.STANDARD,
                new CatalogSpec(977L, 8_000, BASE, 500));
        register(simulator, domain);
        data.reset(domain);
        shop.faults().seed(42).rates(FaultRates.none().withHttp5xx(0.10).withSlow(0.05, Duration.ofSeconds(3)));
        long start = System.nanoTime();
        int failedSlices = 0;
        boolean hasMore = true;
        while (hasMore) {
            try {
                hasMore = engine.run(new SliceRequest(domain, "products", 5, 60), Optional.empty()).hasMore();
            } catch (RuntimeException e) {
                // What SQS would do with a failed slice: run it again; the cursor never passed uncommitted data.
                failedSlices++;
                if (failedSlices > 50) {
                    throw e;
                }
            }
        }
        shop.faults().rates(FaultRates.none());
        SimCounters counters = shop.counters();
        boolean equal = TestData.truthChecksums(shop).equals(data.databaseChecksums(domain));
        System.out.printf("bench extraction: fault run in %.1f s: %d requests, %d 5xx, %d slow, %d failed slices, "
                + "database equals truth: %s%n", (System.nanoTime() - start) / 1e9, counters.requests(),
                counters.http5xx(), counters.slowResponses(), failedSlices, equal);
        return equal;
    }

    private void register(ShopifySimulator simulator, String domain) {
        directory.register(new ShopConnection(domain, "2026-10", URI.create(simulator.baseUrl(domain)),
                new AccessToken(TOKEN)));
    }

    /** Disjoint inclusive updated_at windows holding about the same number of products each. */
    private static List<Instant[]> partitions(List<ProductTruth> products, int count) {
        List<Instant> times = products.stream().map(ProductTruth::updatedAt).sorted().toList();
        List<Instant[]> windows = new ArrayList<>();
        if (count == 1) {
            windows.add(new Instant[] {null, null});
            return windows;
        }
        Instant start = times.get(0);
        for (int i = 1; i <= count; i++) {
            Instant end = i == count ? times.get(times.size() - 1) : times.get(times.size() * i / count);
            windows.add(new Instant[] {start, end});
            start = end.plusSeconds(1);
        }
        return windows;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static final class Totals {
        long records;
        long pages;
        long requestMs;

        void add(SliceResult result) {
            records += result.records();
            pages += result.pages();
            requestMs += result.requestMs();
        }

        void add(Totals other) {
            records += other.records;
            pages += other.pages;
            requestMs += other.requestMs;
        }
    }

    /** One measured run and its two ceilings. */
    private record Run(long records, double seconds, long actualCost, double levelAtStart, double restoreRate,
            long pages, long requestMs, int pagers, long requests, long throttled) {

        double rps() {
            return records / seconds;
        }

        double costPerRecord() {
            return (double) actualCost / records;
        }

        double costCeiling() {
            return (levelAtStart + restoreRate * seconds) / costPerRecord() / seconds;
        }

        double latencyCeiling() {
            double pageLatency = requestMs / 1000.0 / pages;
            return (double) records / pages / pageLatency * pagers;
        }

        double ceiling() {
            return Math.min(costCeiling(), latencyCeiling());
        }

        String binding() {
            return costCeiling() <= latencyCeiling() ? "cost" : "latency";
        }

        double ratio() {
            return rps() / ceiling();
        }

        double throttledPct() {
            return requests == 0 ? 0 : 100.0 * throttled / requests;
        }
    }
}
