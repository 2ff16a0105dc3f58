package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Collections and inventory from the spec: deterministic, in their own streams, shaped as promised. */
class CollectionInventoryGeneratorTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private static SimulatedShop shop(CatalogSpec spec) {
        return new SimulatedShop("s.myshopify.com", "t", ShopPlan.PLUS, spec, new MutableClock(BASE), Duration.ZERO);
    }

    @Test
    void theSameSpecGivesTheSameCollectionsAndInventory() {
        CatalogSpec spec = new CatalogSpec(42, 300, BASE, 0).withLocations(4).withCollections(30);
        SimulatedShop one = shop(spec);
        SimulatedShop two = shop(spec);
        assertEquals(one.collections(), two.collections());
        assertEquals(one.inventoryItems(), two.inventoryItems());
        assertEquals(one.editCollections(5, BASE), two.editCollections(5, BASE));
        assertEquals(one.adjustInventory(20, BASE), two.adjustInventory(20, BASE));
        assertEquals(one.collections(), two.collections());
        assertEquals(one.inventoryItems(), two.inventoryItems());
        SimulatedShop other = shop(new CatalogSpec(43, 300, BASE, 0).withLocations(4).withCollections(30));
        assertNotEquals(one.collections(), other.collections());
    }

    @Test
    void addingCollectionsAndInventoryLeavesEverythingElseAlone() {
        CatalogSpec before = new CatalogSpec(42, 300, BASE, 100).withCustomers(200);
        CatalogSpec after = before.withLocations(5).withCollections(40);
        assertEquals(0, before.collections());
        SimulatedShop plain = shop(before);
        SimulatedShop full = shop(after);
        assertEquals(plain.products(), full.products());
        assertEquals(plain.customers(), full.customers());
        assertEquals(LocationGenerator.generate(before.withLocations(5)), full.locations());
        assertTrue(plain.collections().isEmpty());
        assertTrue(plain.inventoryItems().isEmpty(), "no locations, no inventory");
        // Edits of the old resources pick the same rows as before.
        assertEquals(plain.editProducts(10, BASE), full.editProducts(10, BASE));
        assertEquals(plain.products(), full.products());
        assertEquals(plain.editCustomers(10, BASE), full.editCustomers(10, BASE));
        assertEquals(plain.deleteProducts(5, BASE.plusSeconds(1)), full.deleteProducts(5, BASE.plusSeconds(1)));
    }

    @Test
    void collectionsHaveTheirShapeAndTheFirstOneIsBig() {
        SimulatedShop shop = shop(new CatalogSpec(9, 2_700, BASE, 0).withCollections(60));
        List<CollectionTruth> collections = shop.collections();
        assertEquals(60, collections.size());
        assertTrue(collections.get(0).productIds().size() > 2_500);
        long smart = collections.stream().filter(CollectionTruth::smart).count();
        assertTrue(smart >= 10 && smart <= 30, "about a third smart: " + smart);
        Set<Long> live = shop.products().stream().map(ProductTruth::id).collect(Collectors.toSet());
        long doubleLimit = 1L << 53;
        assertEquals(60, collections.stream().map(CollectionTruth::handle).distinct().count());
        for (CollectionTruth c : collections.subList(1, collections.size())) {
            assertTrue(c.productIds().size() <= 200);
        }
        for (CollectionTruth c : collections) {
            assertTrue(c.id() > doubleLimit);
            assertEquals(c.productIds().size(), new HashSet<>(c.productIds()).size(), "members are distinct");
            assertTrue(live.containsAll(c.productIds()));
            assertEquals(0, c.updatedAt().getNano());
        }
        // A small catalog caps the big collection at the product count.
        assertEquals(40, shop(new CatalogSpec(9, 40, BASE, 0).withCollections(3)).collections().get(0)
                .productIds().size());
    }

    @Test
    void everyVariantHasAnItemWithALevelAtEveryLocation() {
        SimulatedShop shop = shop(new CatalogSpec(5, 120, BASE, 0).withLocations(6));
        List<InventoryItemTruth> items = shop.inventoryItems();
        long variants = shop.products().stream().mapToLong(p -> p.variants().size()).sum();
        assertEquals(variants, items.size());
        assertEquals(variants * 6, items.stream().mapToLong(i -> i.levels().size()).sum());
        Set<Long> itemIds = new HashSet<>();
        for (ProductTruth p : shop.products()) {
            for (VariantTruth v : p.variants()) {
                itemIds.add(InventoryGenerator.itemIdOf(v.id()));
            }
        }
        assertEquals(itemIds, items.stream().map(InventoryItemTruth::id).collect(Collectors.toSet()));
        assertTrue(items.stream().filter(InventoryItemTruth::tracked).count() > items.size() * 3 / 4);
        for (InventoryItemTruth item : items) {
            assertTrue(item.id() > 1L << 53);
            ProductTruth product = shop.products().stream()
                    .filter(p -> p.variants().stream().anyMatch(v -> v.id() == item.variantId())).findFirst()
                    .orElseThrow();
            VariantTruth variant = product.variants().stream().filter(v -> v.id() == item.variantId()).findFirst()
                    .orElseThrow();
            assertEquals(variant.sku(), item.sku());
            for (InventoryLevelTruth level : item.levels()) {
                assertEquals(level.available() + level.committed(), level.onHand());
                assertTrue(level.available() >= 0 && level.committed() >= 0 && level.incoming() >= 0);
                assertFalse(level.updatedAt().isAfter(item.updatedAt()));
                assertEquals("gid://shopify/InventoryLevel/" + level.locationId() + "?inventory_item_id="
                        + item.id(), level.gid());
            }
        }
    }

    @Test
    void productEditsAndDeletesCarryOverToInventoryAndCollections() {
        SimulatedShop shop = shop(new CatalogSpec(11, 200, BASE, 0).withLocations(3).withCollections(20));
        Instant at = BASE.plusSeconds(60);
        shop.editProducts(80, at);
        List<Long> deleted = shop.deleteProducts(30, at.plusSeconds(1));
        shop.deleteLocations(1, at.plusSeconds(2));
        Set<Long> variantIds = shop.products().stream().flatMap(p -> p.variants().stream()).map(VariantTruth::id)
                .collect(Collectors.toSet());
        List<InventoryItemTruth> items = shop.inventoryItems();
        assertEquals(variantIds, items.stream().map(InventoryItemTruth::variantId).collect(Collectors.toSet()));
        items.forEach(i -> assertEquals(2, i.levels().size()));
        for (ProductTruth p : shop.products()) {
            for (VariantTruth v : p.variants()) {
                assertEquals(v.sku(), shop.inventoryItems().stream().filter(i -> i.variantId() == v.id())
                        .findFirst().orElseThrow().sku());
            }
        }
        for (CollectionTruth c : shop.collections()) {
            assertTrue(c.productIds().stream().noneMatch(deleted::contains), "deleted products leave collections");
        }
        assertNull(shop.product(deleted.get(0)));
    }

    @Test
    void editsAndAdjustmentsStampTheirTime() {
        SimulatedShop shop = shop(new CatalogSpec(12, 300, BASE, 0).withLocations(4).withCollections(25));
        Instant at = BASE.plusSeconds(90);
        List<CollectionTruth> before = shop.collections();
        List<Long> edited = shop.editCollections(10, at);
        List<Long> deleted = shop.deleteCollections(3, at);
        assertEquals(22, shop.collections().size());
        for (CollectionTruth c : shop.collections()) {
            CollectionTruth old = before.stream().filter(b -> b.id() == c.id()).findFirst().orElseThrow();
            if (edited.contains(c.id())) {
                assertEquals(at, c.updatedAt());
                assertTrue(!old.title().equals(c.title()) || !old.productIds().equals(c.productIds()));
            } else {
                assertEquals(old, c);
            }
        }
        assertTrue(deleted.stream().allMatch(shop.collectionDeletions()::containsKey));

        List<InventoryItemTruth> itemsBefore = shop.inventoryItems();
        List<Long> adjusted = shop.adjustInventory(15, at);
        assertEquals(15, adjusted.size());
        for (InventoryItemTruth item : shop.inventoryItems()) {
            InventoryItemTruth old = itemsBefore.stream().filter(b -> b.id() == item.id()).findFirst().orElseThrow();
            if (adjusted.contains(item.id())) {
                assertEquals(at, item.updatedAt());
                assertTrue(item.levels().stream().anyMatch(l -> l.updatedAt().equals(at)));
                for (int i = 0; i < item.levels().size(); i++) {
                    InventoryLevelTruth level = item.levels().get(i);
                    assertEquals(level.updatedAt().equals(at), !level.equals(old.levels().get(i)));
                }
            } else {
                assertEquals(old, item);
            }
        }
    }
}
