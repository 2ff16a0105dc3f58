package dev.shopsync.simulator;

import java.util.Objects;

/** A Shopify plan as the GraphQL rate limiter sees it: bucket size and restore rate (points per second). */
public record ShopPlan(String name, double maximumAvailable, double restoreRate) {

    public static final ShopPlan STANDARD = new ShopPlan("STANDARD", 2_000, 100);
    public static final ShopPlan ADVANCED = new ShopPlan("ADVANCED", 4_000, 200);
    public static final ShopPlan PLUS = new ShopPlan("PLUS", 20_000, 1_000);
    public static final ShopPlan ENTERPRISE = new ShopPlan("ENTERPRISE", 40_000, 2_000);

    public ShopPlan {
        Objects.requireNonNull(name, "name");
        if (!(maximumAvailable > 0) || !(restoreRate > 0)) {
            throw new IllegalArgumentException("maximumAvailable and restoreRate must be positive");
        }
    }

    /** A bucket of any size, e.g. a tiny one so a test can reach THROTTLED in two requests. */
    public static ShopPlan custom(double maximumAvailable, double restoreRate) {
        return new ShopPlan("CUSTOM", maximumAvailable, restoreRate);
    }
}
