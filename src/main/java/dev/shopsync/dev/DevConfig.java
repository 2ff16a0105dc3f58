package dev.shopsync.dev;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of {@code ./mvnw quarkus:dev}: the built-in simulated shop and the local scheduler. */
@ConfigMapping(prefix = "shopsync.dev")
public interface DevConfig {

    /** Pause between slices once a shop is up to date (EventBridge's schedule, locally). */
    @WithDefault("PT15S")
    Duration pollInterval();

    Simulator simulator();

    /**
     * Embedded PostgreSQL and Redis (dev and test only, see {@link EmbeddedServicesConfigFactory}): {@code true}
     * forces them even when URLs are configured, {@code false} forbids them; unset, they start when neither a
     * URL nor a container runtime is there.
     */
    Optional<Boolean> embedded();

    interface Simulator {
        /** Start the simulated shop when no real shop is configured. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("dev-shop.myshopify.com")
        String domain();

        /** Fixed so that a restarted dev mode talks to the same address. */
        @WithDefault("8190")
        int port();

        @WithDefault("2500")
        int products();

        @WithDefault("1000")
        int customers();

        @WithDefault("5")
        int locations();

        @WithDefault("20")
        int collections();

        @WithDefault("2000")
        int orders();

        /** Every Nth product gets more than 250 variants, to show nested paging. */
        @WithDefault("250")
        int largeProductEvery();

        @WithDefault("42")
        long seed();

        /** Per-request latency; 300 ms is typical of a Shopify page with nested variants. */
        @WithDefault("PT0.3S")
        Duration latency();

        /** How long an edit stays invisible to search filters, like Shopify's search index. */
        @WithDefault("PT2S")
        Duration indexLag();

        /** Leaky bucket: maximumAvailable and restoreRate (Standard plan: 2000 / 100). */
        @WithDefault("2000")
        double bucketSize();

        @WithDefault("100")
        double restoreRate();

        /** Products (and customers) the simulated merchant edits per minute, so incremental sync has work. */
        @WithDefault("20")
        int editsPerMinute();
    }
}
