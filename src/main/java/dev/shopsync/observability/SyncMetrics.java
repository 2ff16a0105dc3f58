package dev.shopsync.observability;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The sync's meters, named as they appear in CloudWatch (see {@link EmfPublisher}): Shopify calls, cost and
 * THROTTLED answers, records synced, slice durations, webhook latency and outcomes, each table's freshness lag, and
 * read latency by cache tier.
 * Durations keep fixed histogram buckets so CloudWatch can compute p95/p99 across invocations.
 */
@ApplicationScoped
public class SyncMetrics {

    /** Bucket bounds of every duration, in milliseconds: from a fast webhook to a long slice. */
    static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(900)};

    private final MeterRegistry registry;

    public SyncMetrics(SimpleMeterRegistry registry) {
        this.registry = registry;
    }

    /** One HTTP exchange with Shopify; {@code outcome}: ok, throttled, http_429, http_5xx, error. */
    public void shopifyCall(String shop, String operation, String outcome, Duration took) {
        timer("ShopifyCallDuration", "Shop", shop, "Operation", operation, "Outcome", outcome).record(took);
    }

    /** Points Shopify charged, and whether it answered THROTTLED. */
    public void shopifyCost(String shop, int cost, boolean throttled) {
        registry.counter("ShopifyCostSpent", "Shop", shop).increment(cost);
        if (throttled) {
            registry.counter("ShopifyThrottled", "Shop", shop).increment();
        }
    }

    public void recordsSynced(String shop, String resource, int records) {
        registry.counter("RecordsSynced", "Shop", shop, "Resource", resource).increment(records);
    }

    public void slice(String shop, String resource, String mode, String outcome, Duration took) {
        timer("SliceDuration", "Shop", shop, "Resource", resource, "Mode", mode, "Outcome", outcome).record(took);
    }

    /** Now minus the newest {@code updated_at} the table holds, as of the slice that just ended. */
    public void freshnessLag(String shop, String resource, Duration lag) {
        DistributionSummary.builder("FreshnessLagSeconds").tags("Shop", shop, "Resource", resource)
                .register(registry).record(Math.max(0, lag.toSeconds()));
    }

    /** One webhook delivery answered; {@code outcome} is its result (processed, duplicate, rejected, ...). */
    public void webhook(String topic, String outcome, Duration took) {
        timer("WebhookLatency", "Topic", topic, "Outcome", outcome).record(took);
        registry.counter("WebhookOutcome", "Topic", topic, "Outcome", outcome).increment();
    }

    /** Bucket bounds of read latencies: a validated L1 hit is well under a millisecond. */
    static final Duration[] READ_BUCKETS = {Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    /** One read answered; {@code cache} is where it came from (l1, l2, miss, bypass, or rejected). */
    public void read(String cache, int status, Duration took) {
        Timer.builder("ReadLatency").tags("Cache", cache, "Status", Integer.toString(status))
                .serviceLevelObjectives(READ_BUCKETS).register(registry).record(took);
    }

    private Timer timer(String name, String... tags) {
        return Timer.builder(name).tags(tags).serviceLevelObjectives(DURATION_BUCKETS).register(registry);
    }
}
