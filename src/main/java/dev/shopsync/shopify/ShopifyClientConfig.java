package dev.shopsync.shopify;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How we talk to the Admin API. */
@ConfigMapping(prefix = "shopsync.shopify")
public interface ShopifyClientConfig {

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** A 250-product page with nested variants can take seconds on a large shop. */
    @WithDefault("PT30S")
    Duration readTimeout();

    /** Attempts for one call across throttling, 429, 5xx and transport errors (always bounded by the deadline). */
    @WithDefault("8")
    int maxAttempts();

    /** First back-off after a 5xx or a transport error; doubled on every further failure. */
    @WithDefault("PT0.25S")
    Duration initialBackoff();

    /** Wait after a 429 without a readable Retry-After. */
    @WithDefault("PT1S")
    Duration defaultRetryAfter();
}
