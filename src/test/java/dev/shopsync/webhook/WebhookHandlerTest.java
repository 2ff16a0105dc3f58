package dev.shopsync.webhook;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.HOOKS_SHOP;
import static dev.shopsync.support.SimulatorResource.SMALL_SHOP;
import static dev.shopsync.support.SimulatorResource.SMALL_SHOP_PREVIOUS_WEBHOOK_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.simulator.OrderTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Shopify's webhook deliveries through the {@code webhook} handler, as API Gateway hands them over: every sample
 * payload Shopify documents, signed, applied exactly; forged, replayed, late and malformed deliveries refused or
 * ignored without a trace in the tables.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
class WebhookHandlerTest {

    /** The sample product's GID id, above 2^53; the payload's numeric "id" was rounded by a JavaScript scraper. */
    private static final long PRODUCT_ID = 788032119674292922L;
    private static final long VARIANT_ID = 642667041472713922L;
    private static final long CUSTOMER_ID = 706405506930370084L;
    private static final long ORDER_ID = 820982911946154508L;

    /** Every sample topic, in an order where each one finds what it acts on, and what it must answer. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("products/create", "upserted");
        EXPECTED.put("products/update", "upserted");
        EXPECTED.put("variants/in_stock", "queued");
        EXPECTED.put("variants/out_of_stock", "queued");
        EXPECTED.put("customers/create", "upserted");
        EXPECTED.put("customers/update", "upserted");
        EXPECTED.put("collections/create", "queued");
        EXPECTED.put("collections/update", "queued");
        EXPECTED.put("inventory_items/create", "queued");
        EXPECTED.put("inventory_items/update", "queued");
        EXPECTED.put("inventory_levels/connect", "queued");
        EXPECTED.put("inventory_levels/update", "queued");
        EXPECTED.put("inventory_levels/disconnect", "queued");
        EXPECTED.put("orders/create", "upserted-and-queued");
        EXPECTED.put("orders/updated", "upserted-and-queued");
        EXPECTED.put("orders/paid", "upserted-and-queued");
        EXPECTED.put("orders/fulfilled", "upserted-and-queued");
        EXPECTED.put("orders/cancelled", "upserted-and-queued");
        EXPECTED.put("orders/edited", "queued");
        EXPECTED.put("refunds/create", "queued");
        EXPECTED.put("fulfillments/create", "queued");
        EXPECTED.put("fulfillments/update", "queued");
        // deletions are claims: queued for Shopify to confirm (WebhookTrustTest follows them through)
        EXPECTED.put("products/delete", "confirming");
        EXPECTED.put("customers/delete", "confirming");
        EXPECTED.put("collections/delete", "confirming");
        EXPECTED.put("orders/delete", "confirming");
        EXPECTED.put("inventory_items/delete", "confirming");
        EXPECTED.put("customers/data_request", "recorded");
        EXPECTED.put("customers/redact", "redacted");
        EXPECTED.put("bulk_operations/finish", "handed-over");
        EXPECTED.put("shop/update", "ignored");
        // lifecycle topics are recorded requests, decided by a lifecycle slice with Shopify (WebhookTrustTest)
        EXPECTED.put("app/uninstalled", "confirming");
        EXPECTED.put("shop/redact", "recorded");
    }

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    WebhookHandler handler;

    @Inject
    TestData data;

    @Inject
    RefreshQueue queue;

    @Inject
    ObjectMapper json;

    private long shopId;

    @BeforeEach
    void freshShop() {
        data.reset(HOOKS_SHOP);
        shopId = data.shopId(HOOKS_SHOP);
        data.execute("UPDATE shop SET active = true, uninstalled_at = NULL WHERE id = ?", shopId);
        data.execute("DELETE FROM customer_data_request WHERE shop_id = ?", shopId);
    }

    @Test
    void everySampleTopicIsVerifiedParsedAndApplied() throws Exception {
        assertEquals(fixtureTopics(), EXPECTED.keySet().stream().sorted().toList(),
                "every sample payload is covered");
        for (Map.Entry<String, String> topic : EXPECTED.entrySet()) {
            if (topic.getKey().equals("app/uninstalled")) {
                assertStoredSamples();
            }
            Map<String, Object> response = deliver(sample(topic.getKey()));
            assertEquals(200, response.get("statusCode"), topic.getKey() + ": " + response.get("body"));
            assertEquals("{\"status\":\"" + topic.getValue() + "\"}", response.get("body"), topic.getKey());
        }
        // nothing was deleted, deactivated or erased by a delivery alone
        assertEquals(1, data.count("SELECT count(*) FROM product WHERE shop_id = ? AND id = ? AND deleted_at IS NULL",
                shopId, PRODUCT_ID));
        assertEquals(1, data.count("SELECT count(*) FROM customer WHERE shop_id = ? AND deleted_at IS NULL", shopId));
        assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
        assertEquals(List.of("redact:pending", "uninstall:pending"), data.texts("SELECT kind || ':' || status FROM "
                + "shop_lifecycle_request WHERE shop_id = ? ORDER BY kind", shopId));
        // the products/delete sample's id (rounded by the scraper) waits for Shopify's word, with variants/*' product
        assertTrue(queue.take(HOOKS_SHOP, "products", 250).contains(788032119674292900L));
    }

    /** What the samples wrote before the lifecycle topics ran: exact ids, the queue, the compliance rows. */
    private void assertStoredSamples() {
        assertEquals(1, data.count("SELECT count(*) FROM product WHERE shop_id = ? AND id = ? AND title = ? "
                + "AND status = 'ACTIVE' AND tags = ARRAY['example', 'mens', 't-shirt']", shopId, PRODUCT_ID,
                "Example T-Shirt"));
        assertEquals(2, data.count("SELECT count(*) FROM product_variant WHERE shop_id = ? AND product_id = ? "
                + "AND deleted_at IS NULL", shopId, PRODUCT_ID));
        assertEquals(1, data.count("SELECT count(*) FROM product_variant WHERE shop_id = ? AND id = ? "
                + "AND price = 19.99", shopId, VARIANT_ID));
        assertEquals(1, data.count("SELECT count(*) FROM customer WHERE shop_id = ? AND id = ? "
                + "AND deleted_at IS NULL", shopId, CUSTOMER_ID), "customers/delete only queued a confirmation");
        assertTrue(queue.size(HOOKS_SHOP, "customers") >= 1, "customers/delete queued its exact GID id");
        assertEquals(1, data.count("SELECT count(*) FROM orders WHERE shop_id = ? AND id = ? AND name = '#9999' "
                + "AND financial_status = 'VOIDED' AND fulfillment_status = 'UNFULFILLED' AND total_price = 404.95 "
                + "AND cancel_reason = 'CUSTOMER' AND email = 'jon@example.com'", shopId, ORDER_ID));
        assertTrue(queue.take(HOOKS_SHOP, "orders", 250).contains(ORDER_ID), "the order GID's exact id is queued");
        assertEquals(1, data.count("SELECT count(*) FROM customer_data_request WHERE shop_id = ? "
                + "AND customer_id = 191167 AND data_request_id = 9999 "
                + "AND orders_requested = ARRAY[299938, 280263, 220458]::bigint[]", shopId));
    }

    @Test
    void aPayloadTamperedByOneByteIsRefusedAndChangesNothing() {
        Map<String, Object> response = deliver(sample("products/update").tampered());
        assertEquals(401, response.get("statusCode"));
        assertEquals("{\"error\":\"unauthorized\"}", response.get("body"));
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ?", shopId));
    }

    @Test
    void aReplayIsAnsweredButNotWrittenTwice() {
        SignedWebhook delivery = sample("products/update");
        assertEquals("{\"status\":\"upserted\"}", deliver(delivery).get("body"));
        String syncedAt = data.text("SELECT synced_at::text FROM product WHERE shop_id = ? AND id = ?", shopId,
                PRODUCT_ID);
        Map<String, Object> replay = deliver(delivery);
        assertEquals(200, replay.get("statusCode"));
        assertEquals("{\"status\":\"duplicate\"}", replay.get("body"));
        assertEquals(syncedAt, data.text("SELECT synced_at::text FROM product WHERE shop_id = ? AND id = ?", shopId,
                PRODUCT_ID), "no second write");
    }

    @Test
    void anOlderPayloadAfterANewerOneLeavesTheNewerState() throws Exception {
        assertEquals("{\"status\":\"upserted\"}", deliver(sample("products/update")).get("body"));
        ObjectNode older = (ObjectNode) json.readTree(SignedWebhook.fixture("products/update"));
        older.put("updated_at", "2021-12-30T19:00:00-05:00");
        older.put("title", "Stale title");
        Map<String, Object> response = deliver(SignedWebhook.of(HOOKS_SHOP, "products/update", older.toString(),
                APP_WEBHOOK_SECRET));
        assertEquals("{\"status\":\"older-ignored\"}", response.get("body"));
        assertEquals("Example T-Shirt", data.text("SELECT title FROM product WHERE shop_id = ? AND id = ?", shopId,
                PRODUCT_ID));
    }

    @Test
    void badDeliveriesGetShortErrorsAndChangeNothing() {
        assertRefused(sample("products/update").header("X-Shopify-Hmac-Sha256", null), 400,
                "missing Shopify webhook headers");
        assertRefused(sample("products/update").header("X-Shopify-Event-Id", null).header("X-Shopify-Webhook-Id",
                null), 400, "missing Shopify webhook headers");
        assertRefused(sample("products/update").header("X-Shopify-Hmac-Sha256", "not base64!"), 400,
                "invalid Shopify webhook headers");
        assertRefused(SignedWebhook.of(HOOKS_SHOP, "products/update", SignedWebhook.fixture("products/update"),
                "some other secret"), 401, "unauthorized");
        assertRefused(SignedWebhook.of("stranger.myshopify.com", "products/update",
                SignedWebhook.fixture("products/update"), APP_WEBHOOK_SECRET), 401, "unauthorized");
        assertRefused(SignedWebhook.of(HOOKS_SHOP, "products/update", "{\"title\": \"" + "x".repeat(1_100_000)
                + "\"}", APP_WEBHOOK_SECRET), 413, "body too large");
        assertRefused(SignedWebhook.of(HOOKS_SHOP, "products/update", "{\"id\": 1,", APP_WEBHOOK_SECRET), 400,
                "body is not a JSON object");
        assertRefused(SignedWebhook.of(HOOKS_SHOP, "orders/create", "{\"id\": \"twelve\"}", APP_WEBHOOK_SECRET),
                400, "payload does not fit its topic");
        Map<String, Object> get = sample("products/update").event();
        get.put("requestContext", Map.of("http", Map.of("method", "GET")));
        assertEquals(405, handler.handleRequest(get, null).get("statusCode"));
        assertEquals(400, handler.handleRequest(Map.of("hello", "world"), null).get("statusCode"));
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ?", shopId));
        assertEquals(0, queue.size(HOOKS_SHOP, "orders"));
    }

    @Test
    void base64BodiesAndRestApiEventsAreAccepted() {
        assertEquals("{\"status\":\"upserted\"}", deliver(sample("products/update").base64()).get("body"));
        Map<String, Object> restApi = handler.handleRequest(sample("customers/update").restApiEvent(), null);
        assertEquals(200, restApi.get("statusCode"));
        assertEquals("{\"status\":\"upserted\"}", restApi.get("body"));
        assertEquals(1, data.count("SELECT count(*) FROM customer WHERE shop_id = ? AND id = ? AND email = ?",
                shopId, CUSTOMER_ID, "bob@biller.com"));
    }

    @Test
    void duringARotationTheShopsPreviousSecretIsAcceptedAndTheAppSecretIsNot() {
        String body = SignedWebhook.fixture("shop/update");
        assertEquals("{\"status\":\"ignored\"}", deliver(SignedWebhook.of(SMALL_SHOP, "shop/update", body,
                SMALL_SHOP_PREVIOUS_WEBHOOK_SECRET)).get("body"));
        assertEquals("{\"status\":\"ignored\"}", deliver(SignedWebhook.of(SMALL_SHOP, "shop/update", body,
                SimulatorResource.SMALL_SHOP_WEBHOOK_SECRET)).get("body"));
        assertRefused(SignedWebhook.of(SMALL_SHOP, "shop/update", body, APP_WEBHOOK_SECRET), 401, "unauthorized");
    }

    @Test
    void aFailedDeliveryIsProcessedWhenShopifyRetriesIt() throws Exception {
        ObjectNode broken = (ObjectNode) json.readTree(SignedWebhook.fixture("products/update"));
        ((ObjectNode) broken.withArray("variants").get(0)).put("price", "nineteen");
        SignedWebhook first = SignedWebhook.of(HOOKS_SHOP, "products/update", broken.toString(), APP_WEBHOOK_SECRET);
        Map<String, Object> failed = deliver(first);
        assertEquals(503, failed.get("statusCode"));
        assertEquals("{\"error\":\"temporarily unavailable\"}", failed.get("body"));
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ?", shopId), "rolled back");
        SignedWebhook retry = sample("products/update").header("X-Shopify-Event-Id", first.eventId());
        assertEquals("{\"status\":\"upserted\"}", deliver(retry).get("body"), "the event id was released");
    }

    @Test
    void queuedOrdersAreReadFromShopifyByARefreshSliceEvenAfterACrashMidBatch() {
        SimulatedShop shop = simulator.shop(HOOKS_SHOP);
        List<OrderTruth> orders = shop.orders().subList(0, 3);
        for (OrderTruth order : orders) {
            String body = "{\"id\": " + order.id() + ", \"admin_graphql_api_id\": \"" + order.gid() + "\"}";
            assertEquals("{\"status\":\"queued\"}", deliver(SignedWebhook.of(HOOKS_SHOP, "orders/updated", body,
                    APP_WEBHOOK_SECRET)).get("body"));
        }
        assertEquals(3, queue.size(HOOKS_SHOP, "orders"));
        // a refresh slice that died after taking two ids leaves them in flight, not lost
        assertEquals(2, queue.take(HOOKS_SHOP, "orders", 2).size());
        assertEquals(3, queue.size(HOOKS_SHOP, "orders"));
        Map<String, Object> event = new HashMap<>();
        event.put("shop", HOOKS_SHOP);
        event.put("resource", "orders");
        event.put("mode", "refresh");
        JsonPath result = SliceInvoker.slice(event);
        assertEquals("COMPLETED", result.getString("outcome"));
        assertEquals(3, result.getInt("records"));
        assertEquals(false, result.getBoolean("hasMore"));
        assertEquals(0, queue.size(HOOKS_SHOP, "orders"));
        Map<Long, String> truth = TestData.truthOrderChecksums(shop);
        Map<Long, String> stored = data.databaseOrderChecksums(HOOKS_SHOP);
        for (OrderTruth order : orders) {
            assertEquals(truth.get(order.id()), stored.get(order.id()));
        }
        assertEquals(3, stored.size());
    }

    @Test
    void anOrderPayloadUpdatesTheOrderAtOnceAndItsChildrenFollowWithARefresh() {
        SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "orders"));
        SimulatedShop shop = simulator.shop(HOOKS_SHOP);
        OrderTruth order = shop.orders().stream().filter(o -> o.lineItems().size() > 1).findFirst().orElseThrow();
        long lines = data.count("SELECT count(*) FROM order_line_item WHERE shop_id = ? AND order_id = ? "
                + "AND deleted_at IS NULL", shopId, order.id());
        assertEquals(order.lineItems().size(), lines);
        String body = "{\"admin_graphql_api_id\": \"" + order.gid() + "\", \"updated_at\": \"" + order.updatedAt()
                + "\", \"name\": \"" + order.name() + "\", \"financial_status\": \"refunded\", "
                + "\"fulfillment_status\": \"partial\", \"currency\": \"USD\", \"total_price_set\": {\"shop_money\": "
                + "{\"amount\": \"1.00\", \"currency_code\": \"USD\"}}}";
        assertEquals("{\"status\":\"upserted-and-queued\"}", deliver(SignedWebhook.of(HOOKS_SHOP, "orders/updated",
                body, APP_WEBHOOK_SECRET)).get("body"));
        assertEquals(1, data.count("SELECT count(*) FROM orders WHERE shop_id = ? AND id = ? "
                + "AND financial_status = 'REFUNDED' AND fulfillment_status = 'PARTIALLY_FULFILLED' AND total_price = 1",
                shopId, order.id()), "the order's own columns are fresh at once");
        assertEquals(lines, data.count("SELECT count(*) FROM order_line_item WHERE shop_id = ? AND order_id = ? "
                + "AND deleted_at IS NULL", shopId, order.id()), "its children are untouched by the payload");

        JsonPath refreshed = SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "orders", "mode", "refresh"));
        assertEquals(1, refreshed.getInt("records"));
        assertEquals(TestData.truthOrderChecksums(shop).get(order.id()),
                data.databaseOrderChecksums(HOOKS_SHOP).get(order.id()), "Shopify's full order after the refresh");
    }

    @Test
    void customersRedactEmptiesTheCustomersPersonalDataAndTheirOrders() {
        SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "customers"));
        SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "orders"));
        OrderTruth order = simulator.shop(HOOKS_SHOP).orders().stream().filter(o -> o.customerId() != null)
                .findFirst().orElseThrow();
        long customer = order.customerId();
        long theirOrders = data.count("SELECT count(*) FROM orders WHERE shop_id = ? AND customer_id = ?", shopId,
                customer);
        assertTrue(theirOrders >= 1);
        String body = "{\"shop_id\": 1, \"shop_domain\": \"" + HOOKS_SHOP + "\", \"customer\": {\"id\": " + customer
                + "}, \"orders_to_redact\": [" + order.id() + "]}";
        assertEquals("{\"status\":\"redacted\"}", deliver(SignedWebhook.of(HOOKS_SHOP, "customers/redact", body,
                APP_WEBHOOK_SECRET)).get("body"));
        assertEquals(1, data.count("SELECT count(*) FROM customer WHERE shop_id = ? AND id = ? AND email IS NULL "
                + "AND first_name IS NULL AND last_name IS NULL AND phone IS NULL AND redacted_at IS NOT NULL "
                + "AND raw = jsonb_build_object('id', gid, 'redacted', true)", shopId, customer));
        assertEquals(0, data.count("SELECT count(*) FROM customer_address WHERE shop_id = ? AND customer_id = ?",
                shopId, customer));
        assertEquals(theirOrders, data.count("SELECT count(*) FROM orders WHERE shop_id = ? AND customer_id = ? "
                + "AND email IS NULL AND raw->>'redacted' = 'true'", shopId, customer));
        assertEquals(0, data.count("SELECT count(*) FROM orders WHERE shop_id = ? AND customer_id IS DISTINCT FROM ? "
                + "AND email IS NULL", shopId, customer), "nobody else's orders");
    }

    @Test
    void anUninstallShopifyConfirmsStopsTheSync() {
        assertEquals("{\"status\":\"confirming\"}", deliver(sample("app/uninstalled")).get("body"));
        simulator.shop(HOOKS_SHOP).uninstallApp();
        try {
            JsonPath decided = SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "shop", "mode",
                    "lifecycle"));
            assertEquals("COMPLETED", decided.getString("outcome"));
            assertEquals(0, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
            JsonPath result = SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "products"));
            assertEquals("INACTIVE", result.getString("outcome"));
            assertEquals(0, result.getInt("records"));
            assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ?", shopId));
        } finally {
            simulator.shop(HOOKS_SHOP).reinstallApp(SimulatorResource.TOKEN);
        }
    }

    private SignedWebhook sample(String topic) {
        return SignedWebhook.of(HOOKS_SHOP, topic, SignedWebhook.fixture(topic, HOOKS_SHOP), APP_WEBHOOK_SECRET);
    }

    private Map<String, Object> deliver(SignedWebhook delivery) {
        return handler.handleRequest(delivery.event(), null);
    }

    private void assertRefused(SignedWebhook delivery, int status, String error) {
        Map<String, Object> response = deliver(delivery);
        assertEquals(status, response.get("statusCode"));
        assertEquals("{\"error\":\"" + error + "\"}", response.get("body"));
        assertEquals(Map.of("Content-Type", "application/json"), response.get("headers"));
    }

    private static List<String> fixtureTopics() throws IOException, URISyntaxException {
        Path folder = Path.of(WebhookHandlerTest.class.getClassLoader().getResource("shopify/webhooks").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> topics = new ArrayList<>();
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> topics.add(n.substring(0, n.length() - 5).replace("__", "/")));
            return topics.stream().sorted().toList();
        }
    }
}
