package dev.shopsync.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * What catalog a simulated shop starts with. The same spec always generates the same truth.
 *
 * @param largeProductEvery every Nth product gets 251..600 variants (more than one page), 0 for none
 */
public record CatalogSpec(long seed, int products, Instant baseTime, int largeProductEvery) {

    public static final Instant DEFAULT_BASE_TIME = Instant.parse("2026-01-01T00:00:00Z");

    public CatalogSpec {
        Objects.requireNonNull(baseTime, "baseTime");
        if (products < 0 || largeProductEvery < 0) {
            throw new IllegalArgumentException("products and largeProductEvery must not be negative");
        }
    }

    public static CatalogSpec of(long seed, int products) {
        return new CatalogSpec(seed, products, DEFAULT_BASE_TIME, 0);
    }
}
