package dev.shopsync.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * What a simulated shop starts with. The same spec always generates the same truth, and each resource draws from
 * its own random stream, so adding customers or locations leaves the products exactly as they were.
 *
 * @param largeProductEvery every Nth product gets 251..600 variants (more than one page), 0 for none
 * @param customers         how many customers, each with 0..4 addresses
 * @param locations         how many locations, about one in five inactive; with any, every variant gets an inventory
 *                          item with a level at every location
 * @param collections       how many collections, about a third of them smart
 * @param orders            how many orders, with line items of the products (and customers when there are any),
 *                          fulfillments, refunds and transactions; every 500th has more than 250 line items
 */
public record CatalogSpec(long seed, int products, Instant baseTime, int largeProductEvery, int customers,
        int locations, int collections, int orders) {

    public static final Instant DEFAULT_BASE_TIME = Instant.parse("2026-01-01T00:00:00Z");

    public CatalogSpec {
        Objects.requireNonNull(baseTime, "baseTime");
        if (products < 0 || largeProductEvery < 0 || customers < 0 || locations < 0 || collections < 0
                || orders < 0) {
            throw new IllegalArgumentException(
                    "products, largeProductEvery, customers, locations, collections and orders must not be negative");
        }
    }

    /** A catalog without orders. */
    public CatalogSpec(long seed, int products, Instant baseTime, int largeProductEvery, int customers,
            int locations, int collections) {
        this(seed, products, baseTime, largeProductEvery, customers, locations, collections, 0);
    }

    /** A catalog of products only. */
    public CatalogSpec(long seed, int products, Instant baseTime, int largeProductEvery) {
        this(seed, products, baseTime, largeProductEvery, 0, 0, 0);
    }

    public static CatalogSpec of(long seed, int products) {
        return new CatalogSpec(seed, products, DEFAULT_BASE_TIME, 0);
    }

    public CatalogSpec withCustomers(int customers) {
        return new CatalogSpec(seed, products, baseTime, largeProductEvery, customers, locations, collections, orders);
    }

    public CatalogSpec withLocations(int locations) {
        return new CatalogSpec(seed, products, baseTime, largeProductEvery, customers, locations, collections, orders);
    }

    public CatalogSpec withCollections(int collections) {
        return new CatalogSpec(seed, products, baseTime, largeProductEvery, customers, locations, collections, orders);
    }

    public CatalogSpec withOrders(int orders) {
        return new CatalogSpec(seed, products, baseTime, largeProductEvery, customers, locations, collections, orders);
    }
}
