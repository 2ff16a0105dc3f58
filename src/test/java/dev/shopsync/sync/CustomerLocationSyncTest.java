package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.BIG_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
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
import io.restassured.path.json.JsonPath;

/**
 * Customers (with addresses) and locations through the same engine as products: a full sync equals the
 * simulator's truth, and after it edits 5% and deletes 1% of each, an incremental pass plus a reconciliation
 * pass make the tables equal to the truth again.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CustomerLocationSyncTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @BeforeEach
    void clean() {
        data.reset(BIG_SHOP);
    }

    @Test
    void customersWithAddressesStayEqualToShopifyThroughEditsAndDeletions() {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        assertTrue(shop.customers().size() >= 3000);
        assertTrue(shop.customers().stream().anyMatch(c -> c.addresses().size() > 3), "some need address pages");

        runToEnd("customers", null);
        assertEquals(TestData.truthCustomerChecksums(shop), data.databaseCustomerChecksums(BIG_SHOP));

        int count = shop.customers().size();
        shop.editCustomers(count * 5 / 100, SimulatorResource.recently());
        shop.deleteCustomers(count / 100, SimulatorResource.recently());
        int edited = runToEnd("customers", null);
        assertEquals(count * 5 / 100, edited, "the incremental pass fetches exactly the edited customers");
        int reconciled = runToEnd("customers", "reconcile");
        assertEquals(count / 100, reconciled, "reconciliation soft-deletes exactly the deleted ones");

        assertEquals(TestData.truthCustomerChecksums(shop), data.databaseCustomerChecksums(BIG_SHOP));
        assertEquals(0, data.count("SELECT count(*) FROM customer_address a JOIN customer c ON c.shop_id = a.shop_id "
                + "AND c.id = a.customer_id WHERE a.shop_id = ? AND c.deleted_at IS NOT NULL AND a.deleted_at IS NULL",
                data.shopId(BIG_SHOP)), "addresses of deleted customers are deleted with them");
    }

    @Test
    void locationsIncludingInactiveOnesStayEqualToShopify() {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        runToEnd("locations", null);
        assertEquals(TestData.truthLocationChecksums(shop), data.databaseLocationChecksums(BIG_SHOP));
        assertEquals(shop.locations().stream().filter(l -> !l.isActive()).count(),
                data.count("SELECT count(*) FROM location WHERE shop_id = ? AND NOT is_active", data.shopId(BIG_SHOP)),
                "inactive locations are synced too");

        shop.editLocations(1, SimulatorResource.recently());
        shop.deleteLocations(1, SimulatorResource.recently());
        runToEnd("locations", null);
        assertEquals(1, runToEnd("locations", "reconcile"));
        assertEquals(TestData.truthLocationChecksums(shop), data.databaseLocationChecksums(BIG_SHOP));
    }

    /** Slices until the stream has no more; returns the records they reported. */
    private static int runToEnd(String resource, String mode) {
        int records = 0;
        boolean hasMore = true;
        int slices = 0;
        while (hasMore) {
            Map<String, Object> event = new HashMap<>();
            event.put("shop", BIG_SHOP);
            event.put("resource", resource);
            event.put("maxPages", 5);
            if (mode != null) {
                event.put("mode", mode);
            }
            JsonPath result = SliceInvoker.slice(event);
            records += result.getInt("records");
            hasMore = result.getBoolean("hasMore");
            assertTrue(++slices < 100, "does not converge");
        }
        return records;
    }
}
