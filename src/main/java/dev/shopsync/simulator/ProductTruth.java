package dev.shopsync.simulator;

import java.time.Instant;
import java.util.List;

/** What the simulated shop really holds for one product; variants are in position order. */
public record ProductTruth(long id, String gid, String title, String handle, String status, String vendor,
        String productType, List<String> tags, Instant createdAt, Instant updatedAt, List<VariantTruth> variants) {

    public ProductTruth {
        tags = List.copyOf(tags);
        variants = List.copyOf(variants);
    }

    public static String gidOf(long id) {
        return "gid://shopify/Product/" + id;
    }
}
