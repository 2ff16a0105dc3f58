package dev.shopsync.lambda;

import static dev.shopsync.support.SimulatorResource.SMALL_SHOP;
import static dev.shopsync.support.SliceInvoker.invokeRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shopsync.support.SimulatorResource;
import dev.shopsync.sync.SyncConfig;
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

    @Inject
    SyncConfig config;

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
                        + "bulk-fault-test.myshopify.com, bulk-test.myshopify.com, cache-test.myshopify.com, "
                        + "flaky-test.myshopify.com, "
                        + "full-test.myshopify.com, hooks-test.myshopify.com, offset-test.myshopify.com, "
                        + "plan-a-test.myshopify.com, plan-b-test.myshopify.com, read-test.myshopify.com, "
                        + "small-test.myshopify.com, trace-test.myshopify.com, "
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
    void aTimeBudgetAboveTheCeilingIsRefused() {
        assertRejected(Map.of("shop", SMALL_SHOP, "resource", "products", "maxSeconds", 296),
                "'maxSeconds' must be at most 295 (shopsync.sync.max-seconds-limit, below the function's timeout), "
                        + "was 296");
    }

    @Test
    void theCeilingLeavesTheSafetyMarginBeforeTheFunctionsTimeout() throws IOException {
        String template = Files.readString(Path.of("infra/template.yaml"));
        Matcher timeout = Pattern.compile("(?s)\\n  SyncSliceFunction:.*?\\n      Timeout: (\\d+)").matcher(template);
        assertTrue(timeout.find(), "the sync-slice function declares its timeout");
        long functionTimeout = Long.parseLong(timeout.group(1));
        assertTrue(config.maxSecondsLimit() + config.safetyMargin().toSeconds() <= functionTimeout,
                config.maxSecondsLimit() + " s + " + config.safetyMargin() + " must fit in " + functionTimeout + " s");
        assertTrue(config.maxDuration().toSeconds() <= config.maxSecondsLimit());
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
