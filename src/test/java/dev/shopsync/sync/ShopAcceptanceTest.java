package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.FULL_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
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
 * The whole shop, every resource: synced from nothing to exact equality with the simulator (per-row checksum per
 * table), then the merchant changes 5% and deletes 1% of everything, and the production schedule (incremental
 * slices, the event log for deletions, reconciliation) brings every table back to equality.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ShopAcceptanceTest {

    private static final Logger LOG = Logger.getLogger(ShopAcceptanceTest.class);
    private static final List<String> RESOURCES = List.of("locations", "products", "customers", "collections",
            "inventory", "orders");
    private static final List<String> WITH_DESTROY_EVENTS = List.of("products", "collections", "orders");

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Test
    void everyTableEqualsShopifyBeforeAndAfterTheMerchantChangesAndDeletesThings() {
        data.reset(FULL_SHOP);
        SimulatedShop shop = simulator.shop(FULL_SHOP);
        assertTrue(shop.orders().size() >= 5000);
        assertTrue(shop.customers().size() >= 3000);
        assertTrue(shop.locations().size() >= 5);
        assertTrue(shop.collections().size() >= 50);
        assertTrue(shop.collections().stream().anyMatch(c -> c.productIds().size() > 2500));

        for (String resource : RESOURCES) {
            run(resource, null);
        }
        assertAllEqual(shop);
        long variants = shop.products().stream().mapToLong(p -> p.variants().size()).sum();
        assertEquals(variants * shop.locations().size(), data.count(
                "SELECT count(*) FROM inventory_level WHERE shop_id = ?", data.shopId(FULL_SHOP)),
                "stock for every variant at every location");

        Instant at = SimulatorResource.recently();
        shop.editProducts(shop.products().size() * 5 / 100, at);
        shop.deleteProducts(shop.products().size() / 100, at);
        shop.editCustomers(shop.customers().size() * 5 / 100, at);
        shop.deleteCustomers(shop.customers().size() / 100, at);
        shop.editLocations(Math.max(1, shop.locations().size() * 5 / 100), at);
        shop.deleteLocations(Math.max(1, shop.locations().size() / 100), at);
        shop.editCollections(Math.max(1, shop.collections().size() * 5 / 100), at);
        shop.deleteCollections(Math.max(1, shop.collections().size() / 100), at);
        shop.adjustInventory(shop.inventoryItems().size() * 5 / 100, at);
        shop.editOrders(shop.orders().size() * 5 / 100, at);
        shop.deleteOrders(shop.orders().size() / 100, at);

        for (String resource : RESOURCES) {
            run(resource, null);
        }
        for (String resource : WITH_DESTROY_EVENTS) {
            run(resource, "deletions");
        }
        for (String resource : RESOURCES) {
            run(resource, "reconcile");
        }
        assertAllEqual(shop);
    }

    private void assertAllEqual(SimulatedShop shop) {
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(FULL_SHOP), "products");
        assertEquals(TestData.truthCustomerChecksums(shop), data.databaseCustomerChecksums(FULL_SHOP), "customers");
        assertEquals(TestData.truthLocationChecksums(shop), data.databaseLocationChecksums(FULL_SHOP), "locations");
        assertEquals(TestData.truthCollectionChecksums(shop), data.databaseCollectionChecksums(FULL_SHOP),
                "collections");
        assertEquals(TestData.truthInventoryChecksums(shop), data.databaseInventoryChecksums(FULL_SHOP), "inventory");
        assertEquals(TestData.truthOrderChecksums(shop), data.databaseOrderChecksums(FULL_SHOP), "orders");
    }

    /** Runs slices of one (resource, mode) stream until it has nothing more to do; returns the records. */
    private static int run(String resource, String mode) {
        SliceInvoker.Run run = SliceInvoker.runToEnd(FULL_SHOP, resource, mode, 20);
        LOG.infof("%s %s: %d records in %d slices, %d points", resource, mode == null ? "incremental" : mode,
                run.records(), run.slices(), run.cost());
        return run.records();
    }
}
