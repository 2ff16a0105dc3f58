package dev.shopsync.lambda;

import static dev.shopsync.support.SimulatorResource.SMALL_SHOP;
import static dev.shopsync.support.SliceInvoker.invokeRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Bad events get a clear error and change nothing. */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
class SyncSliceHandlerTest {

    @Inject
    TestData data;

    @BeforeEach
    void clean() {
        data.reset(SMALL_SHOP);
    }

    @Test
    void missingShop() {
        assertRejected(Map.of("resource", "products"), "'shop' is required");
    }

    @Test
    void unknownShop() {
        assertRejected(Map.of("shop", "nope.myshopify.com", "resource", "products"),
                "unknown shop 'nope.myshopify.com'; configured shops: [big-test.myshopify.com, "
                        + "bulk-fault-test.myshopify.com, bulk-test.myshopify.com, flaky-test.myshopify.com, "
                        + "full-test.myshopify.com, hooks-test.myshopify.com, offset-test.myshopify.com, "
                        + "plan-a-test.myshopify.com, plan-b-test.myshopify.com, small-test.myshopify.com, "
                        + "trust-other-test.myshopify.com, trust-test.myshopify.com]");
    }

    @Test
    void unknownResource() {
        assertRejected(Map.of("shop", SMALL_SHOP, "resource", "orderz"),
                "unknown resource 'orderz'; supported: "
                        + "[collections, customers, inventory, locations, orders, products]");
    }

    @Test
    void nonPositiveBudget() {
        assertRejected(Map.of("shop", SMALL_SHOP, "resource", "products", "maxPages", 0),
                "'maxPages' must be at least 1, was 0");
    }

    @Test
    void unknownMode() {
        assertRejected(Map.of("shop", SMALL_SHOP, "resource", "products", "mode", "backfil"),
                "unknown mode 'backfil'; supported: [incremental, reconcile, deletions, refresh, backfill, lifecycle]");
    }

    @Test
    void lifecycleIsAboutTheWholeShop() {
        assertRejected(Map.of("shop", SMALL_SHOP, "resource", "products", "mode", "lifecycle"),
                "a lifecycle slice is about the whole shop: 'resource' must be 'shop'");
        assertRejected(Map.of("shop", SMALL_SHOP, "resource", "shop"),
                "resource 'shop' has only the 'lifecycle' mode");
    }

    private void assertRejected(Map<String, Object> event, String message) {
        long runsBefore = data.count("SELECT count(*) FROM sync_run");
        long productsBefore = data.count("SELECT count(*) FROM product");

        Response response = invokeRaw(event);

        assertNotEquals(200, response.statusCode());
        assertTrue(response.asString().contains(message), response.asString());
        assertEquals(runsBefore, data.count("SELECT count(*) FROM sync_run"));
        assertEquals(productsBefore, data.count("SELECT count(*) FROM product"));
    }
}
