package dev.shopsync.observability;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** The sync's meters: records written, Shopify cost spent and time spent throttled, per shop and resource. */
@ApplicationScoped
public class SyncMetrics {

    private final MeterRegistry registry;

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void page(String shop, String resource, int records, int cost, long throttledMs) {
        registry.counter("shopsync.sync.records", "shop", shop, "resource", resource).increment(records);
        registry.counter("shopsync.sync.pages", "shop", shop, "resource", resource).increment();
        registry.counter("shopify.api.cost", "shop", shop, "resource", resource).increment(cost);
        registry.timer("shopify.api.throttled", "shop", shop, "resource", resource)
                .record(throttledMs, TimeUnit.MILLISECONDS);
    }
}
