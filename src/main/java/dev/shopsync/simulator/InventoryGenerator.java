package dev.shopsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds inventory items and their levels, from a random stream of their own: one item per variant (its id derived
 * from the variant's, in a range of its own above 2^53), about one in ten untracked, and a level at every location
 * with {@code onHand = available + committed}. Only shops with locations have inventory.
 */
final class InventoryGenerator {

    static final long FIRST_INVENTORY_ITEM_ID = 9_200_000_000_000_000L;

    private static final long SEED_SALT = 0x1A7E_5700L;

    private final SplittableRandom random;

    InventoryGenerator(SplittableRandom random) {
        this.random = random;
    }

    static List<InventoryItemTruth> generate(CatalogSpec spec, Collection<ProductTruth> products,
            Collection<LocationTruth> locations) {
        if (locations.isEmpty()) {
            return List.of();
        }
        InventoryGenerator generator = new InventoryGenerator(new SplittableRandom(spec.seed() ^ SEED_SALT));
        Instant latest = spec.baseTime().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<InventoryItemTruth> items = new ArrayList<>();
        for (ProductTruth product : products) {
            for (VariantTruth variant : product.variants()) {
                items.add(generator.item(variant, locations, latest));
            }
        }
        return items;
    }

    /** The stable id of a variant's inventory item, also what shops without locations answer for it. */
    static long itemIdOf(long variantId) {
        return variantId - CatalogGenerator.FIRST_VARIANT_ID + FIRST_INVENTORY_ITEM_ID;
    }

    /** A new variant's item: levels at every location, last changed at the latest of the creations up to {@code latest}. */
    InventoryItemTruth item(VariantTruth variant, Collection<LocationTruth> locations, Instant latest) {
        long id = itemIdOf(variant.id());
        boolean tracked = random.nextDouble() < 0.9;
        Instant updated = variant.updatedAt();
        List<InventoryLevelTruth> levels = new ArrayList<>(locations.size());
        for (LocationTruth location : locations) {
            Instant created = later(variant.createdAt(), location.createdAt());
            Instant levelUpdated = created;
            if (created.isBefore(latest) && random.nextBoolean()) {
                levelUpdated = created.plusSeconds(random.nextLong(Duration.between(created, latest).toSeconds() + 1));
            }
            updated = later(updated, levelUpdated);
            levels.add(level(id, location.id(), tracked ? random.nextInt(120) : 0, tracked ? random.nextInt(8) : 0,
                    random.nextInt(10) < 2 ? random.nextInt(50) : 0, levelUpdated));
        }
        return new InventoryItemTruth(id, InventoryItemTruth.gidOf(id), variant.id(), variant.sku(), tracked,
                variant.createdAt(), updated, levels);
    }

    static InventoryLevelTruth level(long itemId, long locationId, int available, int committed, int incoming,
            Instant updatedAt) {
        return new InventoryLevelTruth(InventoryLevelTruth.gidOf(locationId, itemId), locationId, available,
                available + committed, committed, incoming, updatedAt);
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
