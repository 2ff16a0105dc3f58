package dev.shopsync.budget;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The shared per-shop cost budget. Bucket size and restore rate are learned from Shopify, not configured. */
@ConfigMapping(prefix = "shopsync.budget")
public interface BudgetConfig {

    /** Share of the bucket the backfill lane leaves untouched (the incremental lane leaves half of it). */
    @WithDefault("0.2")
    double reserve();

    /**
     * Assumed bucket before Shopify has answered once. Deliberately the smallest plan Shopify has had
     * (1,000 points, 50/s): the first response replaces it with the truth.
     */
    @WithDefault("1000")
    double initialMaximum();

    @WithDefault("50")
    double initialRestoreRate();

    /** A reservation not settled by then (its Lambda died) no longer counts as in flight. */
    @WithDefault("PT2M")
    Duration leaseTimeout();
}
