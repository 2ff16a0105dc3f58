package dev.shopsync.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Budgets and windows of one sync slice. */
@ConfigMapping(prefix = "shopsync.sync")
public interface SyncConfig {

    /** Products per page ({@code first}); 250 is Shopify's maximum. */
    @WithDefault("250")
    int pageSize();

    /** Variants fetched inline with each product; the rest are paged separately. */
    @WithDefault("100")
    int variantsPerProduct();

    /** Nested rows (variants, addresses, ...) per follow-up page for parents with more than fit inline. */
    @WithDefault("250")
    int nestedPageSize();

    /** Work budget of one slice when the request does not give one. */
    @WithDefault("50")
    int maxPages();

    /** Time budget of one slice when the request does not give one (never above {@link #maxSecondsLimit()}). */
    @WithDefault("PT60S")
    Duration maxDuration();

    /**
     * The largest time budget a slice may have, in seconds: a request asking for more is refused. Below the
     * {@code sync-slice} function's timeout (300 s in {@code infra/template.yaml}) minus {@link #safetyMargin()}, so
     * a slice always ends by itself before Lambda ends it.
     */
    @WithDefault("295")
    int maxSecondsLimit();

    /** Time kept free before the Lambda deadline, so a slice always ends cleanly. */
    @WithDefault("PT5S")
    Duration safetyMargin();

    /**
     * Windows end at {@code now - lag}: Shopify's search index lags writes by seconds, so anything newer
     * may not be findable yet.
     */
    @WithDefault("PT60S")
    Duration lag();

    /** How long a slice lock lives if its holder crashes. */
    @WithDefault("PT15M")
    Duration lockTtl();
}
