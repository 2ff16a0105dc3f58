package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.BIG_SHOP;
import static dev.shopsync.support.SimulatorResource.SMALL_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Collections with complete membership (one with more than 2,500 members) and inventory items with their
 * levels at every location, synced to equality and kept equal through edits and deletions.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CollectionInventorySyncTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Test
    void collectionsWithTheirWholeMembershipStayEqualToShopify() {
        data.reset(BIG_SHOP);
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        assertTrue(shop.collections().size() >= 50);
        assertTrue(shop.collections().stream().anyMatch(c -> c.productIds().size() > 2500),
                "one collection has more than 2,500 members");

        runToEnd(BIG_SHOP, "collections", null);
        assertEquals(TestData.truthCollectionChecksums(shop), data.databaseCollectionChecksums(BIG_SHOP));

        int count = shop.collections().size();
        shop.editCollections(Math.max(1, count * 5 / 100), SimulatorResource.recently());
        shop.deleteCollections(Math.max(1, count / 100), SimulatorResource.recently());
        assertEquals(Math.max(1, count * 5 / 100), runToEnd(BIG_SHOP, "collections", null));
        runToEnd(BIG_SHOP, "collections", "reconcile");

        assertEquals(TestData.truthCollectionChecksums(shop), data.databaseCollectionChecksums(BIG_SHOP));
    }

    @Test
    void inventoryAtEveryLocationStaysEqualToShopify() {
        data.reset(SMALL_SHOP);
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        long variants = shop.products().stream().mapToLong(p -> p.variants().size()).sum();
        assertEquals(variants, shop.inventoryItems().size(), "one inventory item per variant");

        runToEnd(SMALL_SHOP, "inventory", null);
        assertEquals(TestData.truthInventoryChecksums(shop), data.databaseInventoryChecksums(SMALL_SHOP));
        assertEquals(variants * shop.locations().size(), data.count(
                "SELECT count(*) FROM inventory_level WHERE shop_id = ?", data.shopId(SMALL_SHOP)),
                "a level for every variant at every location");

        shop.adjustInventory(shop.inventoryItems().size() * 5 / 100, SimulatorResource.recently());
        int records = runToEnd(SMALL_SHOP, "inventory", null);
        assertTrue(records >= shop.inventoryItems().size() * 5 / 100, "the adjusted items are fetched: " + records);
        assertEquals(TestData.truthInventoryChecksums(shop), data.databaseInventoryChecksums(SMALL_SHOP));
    }

    private static int runToEnd(String shop, String resource, String mode) {
        return SliceInvoker.runToEnd(shop, resource, mode, 5).records();
    }
}
