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

    /** THROTTLED or 429 answers to one call before it gives up (each wait is bounded by the deadline). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after a 429 without a readable Retry-After. */
    @WithDefault("PT1S")
    Duration defaultRetryAfter();

    /** Exponential back-off with jitter on 5xx, connection errors, timeouts and truncated bodies. */
    Retry retry();

    /** One circuit breaker per shop: a failing shop fails fast instead of slowing everyone. */
    CircuitBreaker circuitBreaker();

    interface Retry {
        @WithDefault("4")
        int maxRetries();

        @WithDefault("PT0.2S")
        Duration initialDelay();

        @WithDefault("PT3S")
        Duration maxDelay();

        @WithDefault("PT0.1S")
        Duration jitter();
    }

    interface CircuitBreaker {
        /** Calls in the rolling window before the failure ratio is judged. */
        @WithDefault("8")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit stays open before a trial call. */
        @WithDefault("PT30S")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }
}
