package dev.shopsync.bulk;

import java.time.Duration;
import java.time.Instant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How backfills through Shopify Bulk Operations are cut and ingested. */
@ConfigMapping(prefix = "shopsync.bulk")
public interface BulkConfig {

    /** Result lines written per PostgreSQL transaction; the line offset is checkpointed after each. */
    @WithDefault("2000")
    int chunkLines();

    /**
     * Where a backfill starts for resources Shopify cannot list oldest first (inventory items): nothing on Shopify
     * was updated before the platform existed.
     */
    @WithDefault("2006-06-01T00:00:00Z")
    Instant origin();

    /** The first {@code updated_at} window of a backfill, from the resource's oldest row. */
    @WithDefault("P30D")
    Duration initialWindow();

    /** Windows never shrink below this. */
    @WithDefault("PT1H")
    Duration minWindow();

    /** Windows never grow beyond this. */
    @WithDefault("P3650D")
    Duration maxWindow();

    /**
     * How long one bulk job should take: a job that took longer shrinks the next window, a faster one grows it
     * (by the ratio, at most 4 times either way).
     */
    @WithDefault("PT10M")
    Duration targetJobDuration();

    /** Time to connect to the result URL and receive its headers before the read counts as failed (and resumes later). */
    @WithDefault("PT30S")
    Duration downloadTimeout();

    /**
     * Longest wait for the next bytes of a result body: a download that stalls mid-file fails the step after this
     * (and resumes from the checkpoint later); it never waits past the slice's deadline either.
     */
    @WithDefault("PT30S")
    Duration downloadIdleTimeout();
}
