package dev.shopsync.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What the simulated shop really holds for one collection. A smart collection's rule set is derived from its id (see
 * {@link #smart}); its members are drawn like a custom collection's, the rules are not evaluated.
 *
 * @param sortOrder  a {@code CollectionSortOrder} name such as {@code MANUAL} or {@code BEST_SELLING}
 * @param productIds the live members, in collection order
 */
public record CollectionTruth(long id, String gid, String title, String handle, String sortOrder, boolean smart,
        Instant updatedAt, List<Long> productIds) {

    public CollectionTruth {
        productIds = List.copyOf(productIds);
    }

    public static String gidOf(long id) {
        return "gid://shopify/Collection/" + id;
    }
}
