package dev.shopsync.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.lambda.SyncSliceHandler;
import dev.shopsync.shop.AccessToken;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.simulator.CatalogSpec;
import dev.shopsync.simulator.ShopPlan;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.simulator.SimulatorOptions;
import dev.shopsync.support.TestData;
import dev.shopsync.sync.SliceOutcome;
import dev.shopsync.sync.SliceResult;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What a million synced records cost on AWS, from what the slices of this run measured: every slice is one
 * invocation of the sync-slice handler (as SQS would invoke it), timed; its duration times the function's memory is
 * Lambda's GB-seconds; each slice is one SQS message (sent, received, deleted); Redis commands are counted by the
 * server ({@code INFO commandstats}); Shopify points are what Shopify charged. Three ways to fill or refresh a
 * simulated Standard-plan shop (300 ms per request): a paginated backfill of every resource, the incremental sync of
 * 5% of each resource edited afterwards, and a bulk backfill (Bulk Operations; locations have none and page).
 * A record is one Shopify object (a product with its variants and media, an order with its lines, refunds and
 * fulfillments). Prices are AWS list prices, us-east-1, x86 ({@link Prices}).
 * Prints {@code BENCH cost ...}, writes {@code target/bench/cost.json}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Tag("cost")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class CostBench {

    private static final String DOMAIN = "bench-cost.myshopify.com";
    private static final String TOKEN = "shpat_bench_cost";
    private static final Duration LATENCY = Duration.ofMillis(300);
    /** The template's FunctionMemorySize default. */
    private static final int MEMORY_MB = 1024;
    /** A slice message is sent (by the planner or the slice before), received and deleted. */
    private static final int SQS_REQUESTS_PER_SLICE = 3;
    private static final List<String> RESOURCES = List.of("locations", "products", "collections", "customers",
            "inventory", "orders");

    /** AWS list prices, us-east-1, x86, as published in June 2026 (verify before relying on them). */
    static final class Prices {
        static final String AS_OF = "2026-06, us-east-1";
        static final double LAMBDA_GB_SECOND = 0.0000166667;
        static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
        /** Standard queue, beyond the first million requests a month. */
        static final double SQS_REQUEST = 0.40 / 1_000_000;
        /** ElastiCache Serverless (Redis OSS): one ECPU per simple command of up to 1 KB, assumed per command. */
        static final double REDIS_ECPU = 0.0034 / 1_000_000;

        private Prices() {
        }
    }

    @Inject
    SyncSliceHandler handler;

    @Inject
    ShopDirectory directory;

    @Inject
    TestData data;

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    /** What the slices of one (mode, resource) spent. */
    private static final class Spent {
        long slices;
        double seconds;
        long points;
        long redisCommands;
        long records;

        void add(Spent other) {
            slices += other.slices;
            seconds += other.seconds;
            points += other.points;
            redisCommands += other.redisCommands;
            records += other.records;
        }

        double usd() {
            return seconds * MEMORY_MB / 1024.0 * Prices.LAMBDA_GB_SECOND + slices * Prices.LAMBDA_REQUEST
                    + slices * SQS_REQUESTS_PER_SLICE * Prices.SQS_REQUEST + redisCommands * Prices.REDIS_ECPU;
        }

        Map<String, Object> perMillion() {
            double scale = 1_000_000.0 / records;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("records", records);
            out.put("slices", slices);
            out.put("seconds", round(seconds));
            out.put("usd_per_million", round(usd() * scale));
            out.put("lambda_gb_s_per_million", round(seconds * MEMORY_MB / 1024.0 * scale));
            out.put("invocations_per_million", Math.round(slices * scale));
            out.put("sqs_requests_per_million", Math.round(slices * SQS_REQUESTS_PER_SLICE * scale));
            out.put("redis_commands_per_million", Math.round(redisCommands * scale));
            out.put("points_per_record", round((double) points / records));
            return out;
        }
    }

    @Test
    void cost() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Spent> totals = new LinkedHashMap<>();
        try (ShopifySimulator simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(LATENCY))) {
            Instant base = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            SimulatedShop shop = simulator.addShop(DOMAIN, TOKEN, ShopPlan.STANDARD, new CatalogSpec(83L, 1500, base,
                    0).withCustomers(1500).withLocations(4).withCollections(15).withOrders(2000));
            directory.register(new ShopConnection(DOMAIN, "2026-10", URI.create(simulator.baseUrl(DOMAIN)),
                    new AccessToken(TOKEN)));
            Map<String, Long> truth = truth(shop);
            data.reset(DOMAIN);

            Map<String, Spent> backfill = mode("backfill", null, truth::get);
            Instant edited = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Long> edits = new HashMap<>();
            edits.put("products", (long) shop.editProducts(75, edited).size());
            edits.put("customers", (long) shop.editCustomers(75, edited).size());
            edits.put("orders", (long) shop.editOrders(100, edited).size());
            edits.put("inventory", (long) shop.adjustInventory(75, edited).size());
            edits.put("collections", (long) shop.editCollections(1, edited).size());
            edits.put("locations", (long) shop.editLocations(1, edited).size());
            Map<String, Spent> incremental = mode("incremental", null, edits::get);
            data.reset(DOMAIN);
            Map<String, Spent> bulk = mode("bulk", "backfill", truth::get);

            for (var entry : Map.of("backfill", backfill, "incremental", incremental, "bulk", bulk).entrySet()) {
                Spent total = new Spent();
                Map<String, Object> perResource = new LinkedHashMap<>();
                entry.getValue().forEach((resource, spent) -> {
                    total.add(spent);
                    perResource.put(resource, spent.perMillion());
                });
                totals.put(entry.getKey(), total);
                Map<String, Object> mode = new LinkedHashMap<>();
                mode.put("shop", total.perMillion());
                mode.put("resources", perResource);
                report.put(entry.getKey(), mode);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("usd_per_million_incremental", perMillionUsd(totals.get("incremental")));
        result.put("usd_per_million_backfill", perMillionUsd(totals.get("backfill")));
        result.put("usd_per_million_bulk", perMillionUsd(totals.get("bulk")));
        Spent backfill = totals.get("backfill");
        result.put("points_per_record", round((double) backfill.points / backfill.records));
        result.put("points_per_record_incremental", round((double) totals.get("incremental").points
                / totals.get("incremental").records));
        result.put("points_per_record_bulk", round((double) totals.get("bulk").points / totals.get("bulk").records));
        result.put("memory_mb", MEMORY_MB);
        result.put("latency_ms", LATENCY.toMillis());
        result.put("prices", Prices.AS_OF);
        Map<String, Object> out = new LinkedHashMap<>(result);
        out.putAll(report);
        out.put("assumptions", List.of("Lambda bills each slice's measured duration at " + MEMORY_MB + " MB, x86",
                "one SQS message per slice: send, receive, delete (empty receives of the poller not counted)",
                "one ElastiCache ECPU per Redis command", "PostgreSQL, NAT, logs and data transfer not included",
                "Shopify answers in " + LATENCY.toMillis() + " ms; Standard plan (2,000 points, 100/s)"));
        BenchReport.publish(json, "cost", result, out);
        assertTrue(backfill.records > 0 && totals.get("bulk").records > 0 && totals.get("incremental").records > 0);
    }

    /**
     * Runs every resource's stream to its end, slice after slice, as the queue would. {@code requestMode} null is
     * the incremental stream (a never-synced one reads everything, page by page), then its refresh of children;
     * "backfill" is the bulk backfill where the resource has one.
     */
    private Map<String, Spent> mode(String name, String requestMode, RecordCount records) throws Exception {
        Map<String, Spent> spent = new LinkedHashMap<>();
        for (String resource : RESOURCES) {
            Spent of = new Spent();
            long commandsBefore = redisCommands();
            boolean bulk = "backfill".equals(requestMode) && !resource.equals("locations");
            run(resource, bulk ? "backfill" : null, of);
            if (!bulk) {
                run(resource, "refresh", of);
            }
            of.redisCommands = redisCommands() - commandsBefore;
            of.records = records.apply(resource);
            spent.put(resource, of);
            System.out.printf("bench cost: %s %s: %d records, %d slices, %.1f s, %d points, %d Redis commands%n",
                    name, resource, of.records, of.slices, of.seconds, of.points, of.redisCommands);
        }
        return spent;
    }

    /** A lookup of a resource's record count. */
    @FunctionalInterface
    private interface RecordCount {
        long apply(String resource);
    }

    private void run(String resource, String mode, Spent into) throws InterruptedException {
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> event = new HashMap<>();
            event.put("shop", DOMAIN);
            event.put("resource", resource);
            if (mode != null) {
                event.put("mode", mode);
            }
            long started = System.nanoTime();
            SliceResult result = (SliceResult) handler.handleRequest(event, null);
            into.seconds += (System.nanoTime() - started) / 1e9;
            into.slices++;
            into.points += result.costSpent();
            if (!result.hasMore()) {
                return;
            }
            if (result.outcome() == SliceOutcome.WAITING) {
                // the queue would deliver the next slice after the waiting delay; the simulated job meanwhile runs
                Thread.sleep(250);
            }
        }
        throw new AssertionError(resource + " " + mode + " did not end in 2,000 slices");
    }

    private long redisCommands() {
        String info = redis.execute("INFO", "commandstats").toString();
        long calls = 0;
        for (String line : info.split("\r?\n")) {
            int at = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && at > 0) {
                int end = line.indexOf(',', at);
                calls += Long.parseLong(line.substring(at + "calls=".length(), end));
            }
        }
        return calls;
    }

    private static Map<String, Long> truth(SimulatedShop shop) {
        Map<String, Long> counts = new HashMap<>();
        counts.put("products", (long) shop.products().size());
        counts.put("customers", (long) shop.customers().size());
        counts.put("orders", (long) shop.orders().size());
        counts.put("collections", (long) shop.collections().size());
        counts.put("inventory", (long) shop.inventoryItems().size());
        counts.put("locations", (long) shop.locations().size());
        return counts;
    }

    private static double perMillionUsd(Spent spent) {
        return round(spent.usd() * 1_000_000.0 / spent.records);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
