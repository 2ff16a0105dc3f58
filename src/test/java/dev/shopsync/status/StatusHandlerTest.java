package dev.shopsync.status;

import static dev.shopsync.support.SimulatorResource.HOOKS_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.lambda.StatusHandler;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /status}: one glance at every resource of a shop, as API Gateway hands the request over. */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
class StatusHandlerTest {

    @Inject
    StatusHandler handler;

    @Inject
    TestData data;

    @Inject
    ObjectMapper json;

    @Test
    void aShopsResourcesWithWatermarkLagRowsAndLastRun() throws Exception {
        data.reset(HOOKS_SHOP);
        data.deleteRedisKeys(HOOKS_SHOP);
        SliceInvoker.runToEnd(HOOKS_SHOP, "products", null, 50);

        Map<String, Object> response = handler.handleRequest(Map.of("rawPath", "/status",
                "queryStringParameters", Map.of("shop", HOOKS_SHOP)), null);

        assertEquals(200, response.get("statusCode"));
        assertEquals(Map.of("content-type", "application/json", "cache-control", "no-store"), response.get("headers"));
        JsonNode resources = json.readTree((String) response.get("body")).path("resources");
        assertEquals(List.of("collections", "customers", "inventory", "locations", "orders", "products"),
                json.convertValue(resources.findValuesAsText("resource"), List.class));
        JsonNode products = resources.get(5);
        long shopId = data.shopId(HOOKS_SHOP);
        assertEquals(HOOKS_SHOP, products.path("shop").asText());
        assertEquals(data.count("SELECT count(*) FROM product WHERE shop_id = ? AND deleted_at IS NULL", shopId),
                products.path("rows").asLong());
        assertTrue(products.path("rows").asLong() > 0);
        Instant newest = Instant.parse(data.text("SELECT to_char(max(updated_at) AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM product WHERE shop_id = ?", shopId));
        assertEquals(newest, Instant.parse(products.path("watermark").asText()));
        assertTrue(products.path("lagSeconds").asLong() >= 0);
        assertEquals("incremental", products.path("lastRun").path("mode").asText());
        assertEquals("COMPLETED", products.path("lastRun").path("outcome").asText());
        assertTrue(products.path("backfill").isNull());
        // a resource never synced: no watermark, no lag, no run, no rows
        JsonNode orders = resources.get(4);
        assertTrue(orders.path("watermark").isNull());
        assertTrue(orders.path("lagSeconds").isNull());
        assertTrue(orders.path("lastRun").isNull());
        assertEquals(0, orders.path("rows").asLong());
    }

    @Test
    void anUnknownShopIs404() throws Exception {
        Map<String, Object> response = handler.handleRequest(Map.of("queryStringParameters",
                Map.of("shop", "nope.myshopify.com")), null);
        assertEquals(404, response.get("statusCode"));
        JsonNode body = json.readTree((String) response.get("body"));
        assertTrue(body.path("error").asText().startsWith("unknown shop 'nope.myshopify.com'; configured shops: ["),
                body.toString());
        assertNull(body.get("resources"));
    }
}
