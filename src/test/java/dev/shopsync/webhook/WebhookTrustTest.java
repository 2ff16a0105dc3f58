package dev.shopsync.webhook;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.TOKEN;
import static dev.shopsync.support.SimulatorResource.TRUST_OTHER_SHOP;
import static dev.shopsync.support.SimulatorResource.TRUST_SHOP;
import static dev.shopsync.support.SimulatorResource.TRUST_STORED_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.shop.StoredShops;
import dev.shopsync.simulator.CustomerTruth;
import dev.shopsync.simulator.OrderTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.support.FakeAwsSecrets;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Shopify signs a webhook's body, never its headers: an attacker holding one validly signed body of any topic can
 * send it under any topic header and any shop header. Each attack here uses real sample bodies, signed with the
 * secret they would really be signed with, and must change nothing: no row deleted, no customer redacted, no shop
 * erased or deactivated. The genuine deliveries still take effect, once Shopify has confirmed them.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@WithTestResource(FakeAwsSecrets.class)
class WebhookTrustTest {

    private static final String TOKEN_SECRET = "shopify-sync/tokens/" + TRUST_STORED_SHOP;
    private static final String WEBHOOK_SECRET_ID = "shopify-sync/webhooks/" + TRUST_STORED_SHOP;
    private static final String OWN_SECRET = "stored-trust-own-webhook-secret";

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    WebhookHandler handler;

    @Inject
    TestData data;

    @Inject
    StoredShops stored;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    private long shopId;

    @BeforeEach
    void freshShops() {
        for (String shop : List.of(TRUST_SHOP, TRUST_OTHER_SHOP)) {
            data.reset(shop);
            data.execute("UPDATE shop SET active = true, uninstalled_at = NULL WHERE domain = ?", shop);
        }
        shopId = data.shopId(TRUST_SHOP);
        data.execute("DELETE FROM customer_data_request WHERE shop_id = ?", shopId);
        for (String resource : List.of("products", "customers", "orders")) {
            SliceInvoker.runToEnd(TRUST_SHOP, resource, null, 50);
        }
    }

    @AfterEach
    void installedAgain() {
        simulator.shop(TRUST_SHOP).reinstallApp(TOKEN);
        simulator.shop(TRUST_STORED_SHOP).reinstallApp(TOKEN);
        data.execute("UPDATE shop SET active = false, secret_source = NULL, secret_id = NULL, "
                + "webhook_secret_source = NULL, webhook_secret_id = NULL WHERE domain = ?", TRUST_STORED_SHOP);
        stored.all(true);
    }

    @Test
    void aProductsUpdateBodyReplayedAsADeleteDeletesNothingAndAGenuineDeleteIsConfirmedByShopify() {
        SimulatedShop shop = simulator.shop(TRUST_SHOP);
        String update = SignedWebhook.fixture("products/update");
        assertEquals("{\"status\":\"upserted\"}", status(deliver(TRUST_SHOP, "products/update", update)));

        // the whole object under products/delete: it has timestamps, a deletion does not
        assertRefused(deliver(TRUST_SHOP, "products/delete", update));
        long gone = shop.deleteProducts(1, Instant.now()).get(0);
        long kept = shop.products().get(0).id();
        // a body of the delete shape naming a product Shopify still has: a query, nothing more
        assertEquals("{\"status\":\"confirming\"}", status(deliver(TRUST_SHOP, "products/delete",
                "{\"id\": " + kept + "}")));
        assertEquals("{\"status\":\"confirming\"}", status(deliver(TRUST_SHOP, "products/delete",
                "{\"id\": " + gone + "}")));
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ? AND deleted_at IS NOT NULL",
                shopId), "nothing is deleted before Shopify answered");

        JsonPath refresh = SliceInvoker.slice(Map.of("shop", TRUST_SHOP, "resource", "products", "mode", "refresh"));
        assertEquals("COMPLETED", refresh.getString("outcome"));
        assertEquals(List.of(String.valueOf(gone)), data.texts("SELECT id::text FROM product WHERE shop_id = ? "
                + "AND deleted_at IS NOT NULL", shopId), "only the product Shopify answered null for");
        // the sample product (not in the simulated shop) was only upserted, never queued for deletion
        assertEquals(1, data.count("SELECT count(*) FROM product WHERE shop_id = ? AND id = 788032119674292922 "
                + "AND deleted_at IS NULL", shopId));
        SliceInvoker.runToEnd(TRUST_SHOP, "products", null, 50);
        Map<Long, String> truth = TestData.truthChecksums(shop);
        Map<Long, String> stored = data.databaseChecksums(TRUST_SHOP);
        stored.remove(788032119674292922L);
        assertEquals(truth, stored, "the shop's products equal Shopify's, the deleted one gone");
    }

    @Test
    void aDataRequestBodyReplayedAsARedactRedactsAndErasesNothing() {
        OrderTruth order = simulator.shop(TRUST_SHOP).orders().stream().filter(o -> o.customerId() != null)
                .findFirst().orElseThrow();
        long customer = order.customerId();
        String request = "{\"shop_id\": 954889, \"shop_domain\": \"" + TRUST_SHOP + "\", \"customer\": {\"id\": "
                + customer + ", \"email\": \"john@example.com\"}, \"orders_requested\": [" + order.id() + "], "
                + "\"data_request\": {\"id\": 9999}}";
        assertEquals("{\"status\":\"recorded\"}", status(deliver(TRUST_SHOP, "customers/data_request", request)));
        String before = data.text("SELECT md5(string_agg(email || raw::text, ',' ORDER BY id)) FROM customer "
                + "WHERE shop_id = ?", shopId);
        long rows = dataRowsOf(shopId);

        assertRefused(deliver(TRUST_SHOP, "customers/redact", request));
        assertRefused(deliver(TRUST_SHOP, "shop/redact", request));
        // the sample data request, too
        assertRefused(deliver(TRUST_SHOP, "customers/redact", SignedWebhook.fixture("customers/data_request",
                TRUST_SHOP)));

        assertEquals(before, data.text("SELECT md5(string_agg(email || raw::text, ',' ORDER BY id)) FROM customer "
                + "WHERE shop_id = ?", shopId));
        assertEquals(0, data.count("SELECT count(*) FROM customer WHERE shop_id = ? AND redacted_at IS NOT NULL",
                shopId));
        assertEquals(0, data.count("SELECT count(*) FROM shop_lifecycle_request WHERE shop_id = ?", shopId));
        assertEquals(rows, dataRowsOf(shopId));

        // the genuine redact still works
        String redact = "{\"shop_id\": 954889, \"shop_domain\": \"" + TRUST_SHOP + "\", \"customer\": {\"id\": "
                + customer + "}, \"orders_to_redact\": [" + order.id() + "]}";
        assertEquals("{\"status\":\"redacted\"}", status(deliver(TRUST_SHOP, "customers/redact", redact)));
        assertEquals(1, data.count("SELECT count(*) FROM customer WHERE shop_id = ? AND id = ? AND email IS NULL "
                + "AND redacted_at IS NOT NULL", shopId, customer));
    }

    @Test
    void anyBodyReplayedAsAppUninstalledDeactivatesNothing() {
        assertRefused(deliver(TRUST_SHOP, "app/uninstalled", SignedWebhook.fixture("products/update")));
        assertRefused(deliver(TRUST_SHOP, "app/uninstalled", SignedWebhook.fixture("customers/redact", TRUST_SHOP)));
        // a shop/update body has the shape of an uninstall: recorded, then Shopify accepts the token
        assertEquals("{\"status\":\"confirming\"}", status(deliver(TRUST_SHOP, "app/uninstalled",
                SignedWebhook.fixture("shop/update"))));
        assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));

        JsonPath decided = lifecycle(TRUST_SHOP);
        assertEquals("COMPLETED", decided.getString("outcome"));
        assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
        assertEquals(List.of("uninstall:refused"), data.texts("SELECT kind || ':' || status FROM "
                + "shop_lifecycle_request WHERE shop_id = ?", shopId));
        assertEquals("COMPLETED", SliceInvoker.slice(Map.of("shop", TRUST_SHOP, "resource", "products"))
                .getString("outcome"), "still synced");
    }

    @Test
    void aShopRedactOfAnInstalledShopIsRefusedAndErasesNothing() {
        long rows = dataRowsOf(shopId);
        assertEquals("{\"status\":\"recorded\"}", status(deliver(TRUST_SHOP, "shop/redact",
                SignedWebhook.fixture("shop/redact", TRUST_SHOP))));
        JsonPath decided = lifecycle(TRUST_SHOP);
        assertEquals(0, decided.getInt("records"));
        assertEquals(List.of("redact:refused"), data.texts("SELECT kind || ':' || status FROM "
                + "shop_lifecycle_request WHERE shop_id = ?", shopId));
        assertEquals(rows, dataRowsOf(shopId));
        assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
    }

    @Test
    void anotherShopsBodiesUnderThisShopsHeaderChangeNothing() throws Exception {
        long otherId = data.shopId(TRUST_OTHER_SHOP);
        SliceInvoker.runToEnd(TRUST_OTHER_SHOP, "products", null, 50);
        long rows = dataRowsOf(shopId);
        long otherRows = dataRowsOf(otherId);
        // both shops share the app secret: each body below verifies under either shop header
        assertRefused(deliver(TRUST_SHOP, "shop/redact", SignedWebhook.fixture("shop/redact", TRUST_OTHER_SHOP)));
        assertRefused(deliver(TRUST_SHOP, "customers/redact", SignedWebhook.fixture("customers/redact",
                TRUST_OTHER_SHOP)));
        assertRefused(deliver(TRUST_SHOP, "customers/data_request", SignedWebhook.fixture("customers/data_request",
                TRUST_OTHER_SHOP)));
        ObjectNode otherShop = (ObjectNode) json.readTree(SignedWebhook.fixture("app/uninstalled"));
        otherShop.put("myshopify_domain", TRUST_OTHER_SHOP);
        assertRefused(deliver(TRUST_SHOP, "app/uninstalled", otherShop.toString()));
        // a delete body of the other shop's product: this shop's Shopify has no such product, and neither do we
        long otherProduct = simulator.shop(TRUST_OTHER_SHOP).products().get(0).id();
        assertEquals("{\"status\":\"confirming\"}", status(deliver(TRUST_SHOP, "products/delete",
                "{\"id\": " + otherProduct + "}")));
        SliceInvoker.slice(Map.of("shop", TRUST_SHOP, "resource", "products", "mode", "refresh"));

        assertEquals(0, data.count("SELECT count(*) FROM shop_lifecycle_request WHERE shop_id IN (?, ?)", shopId,
                otherId));
        assertEquals(rows, dataRowsOf(shopId));
        assertEquals(otherRows, dataRowsOf(otherId));
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id IN (?, ?) AND deleted_at IS NOT NULL",
                shopId, otherId));
        assertEquals(2, data.count("SELECT count(*) FROM shop WHERE id IN (?, ?) AND active", shopId, otherId));
    }

    @Test
    void anUninstalledRegisteredShopIsErasedInChunksAfterShopRedactEvenWithItsTokenSecretGone() throws Exception {
        FakeAwsSecrets.SECRETS.put(TOKEN_SECRET, "{\"accessToken\":\"" + TOKEN + "\"}");
        FakeAwsSecrets.SECRETS.put(WEBHOOK_SECRET_ID, "{\"webhookSecret\":\"" + OWN_SECRET + "\"}");
        data.execute("INSERT INTO shop (domain, api_version, secret_source, secret_id, base_url, webhook_secret_source, "
                + "webhook_secret_id) VALUES (?, '2026-10', 'secretsmanager', ?, ?, 'secretsmanager', ?) "
                + "ON CONFLICT (domain) DO UPDATE SET secret_source = excluded.secret_source, secret_id = "
                + "excluded.secret_id, base_url = excluded.base_url, webhook_secret_source = "
                + "excluded.webhook_secret_source, webhook_secret_id = excluded.webhook_secret_id, active = true, "
                + "uninstalled_at = NULL", TRUST_STORED_SHOP, TOKEN_SECRET, simulator.baseUrl(TRUST_STORED_SHOP),
                WEBHOOK_SECRET_ID);
        stored.all(true);
        data.reset(TRUST_STORED_SHOP);
        long storedId = data.shopId(TRUST_STORED_SHOP);
        for (String resource : List.of("products", "customers", "orders")) {
            SliceInvoker.runToEnd(TRUST_STORED_SHOP, resource, null, 50);
        }
        long rows = rowsOf(storedId);
        assertTrue(rows > 1000, "enough rows for several chunks: " + rows);

        // the merchant uninstalls: Shopify revokes the token and sends app/uninstalled, signed with the shop's secret
        simulator.shop(TRUST_STORED_SHOP).uninstallApp();
        ObjectNode shopBody = (ObjectNode) json.readTree(SignedWebhook.fixture("app/uninstalled"));
        shopBody.put("myshopify_domain", TRUST_STORED_SHOP);
        assertEquals("{\"status\":\"confirming\"}", status(handler.handleRequest(SignedWebhook.of(TRUST_STORED_SHOP,
                "app/uninstalled", shopBody.toString(), OWN_SECRET).event(), null)));
        assertEquals("COMPLETED", lifecycle(TRUST_STORED_SHOP).getString("outcome"));
        assertEquals(0, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", storedId));

        // 48 hours later its token secret is long deleted; shop/redact must still be verified and honoured
        FakeAwsSecrets.SECRETS.remove(TOKEN_SECRET);
        int readBefore = FakeAwsSecrets.READ_IDS.size();
        stored.all(true);
        String redact = SignedWebhook.fixture("shop/redact", TRUST_STORED_SHOP);
        assertEquals(401, handler.handleRequest(SignedWebhook.of(TRUST_STORED_SHOP, "shop/redact", redact,
                APP_WEBHOOK_SECRET).event(), null).get("statusCode"), "the app secret does not sign for this shop");
        assertEquals("{\"status\":\"recorded\"}", status(handler.handleRequest(SignedWebhook.of(TRUST_STORED_SHOP,
                "shop/redact", redact, OWN_SECRET).event(), null)));
        assertFalse(FakeAwsSecrets.READ_IDS.subList(readBefore, FakeAwsSecrets.READ_IDS.size()).contains(TOKEN_SECRET),
                "the webhook path never reads the token");
        assertEquals(rows, rowsOf(storedId), "answered at once, erased later");

        int slices = 0;
        boolean more = true;
        while (more) {
            JsonPath slice = SliceInvoker.slice(Map.of("shop", TRUST_STORED_SHOP, "resource", "shop", "mode",
                    "lifecycle", "maxPages", 3));
            more = slice.getBoolean("hasMore");
            slices++;
            assertTrue(slices < 100, "the erasure ends");
        }
        assertTrue(slices > 1, "bounded chunks over several slices: " + slices);
        assertEquals(0, rowsOf(storedId));
        assertEquals(List.of("redact:done:" + rows, "uninstall:confirmed:0"), data.texts("SELECT kind || ':' || "
                + "status || ':' || rows_erased FROM shop_lifecycle_request WHERE shop_id = ? ORDER BY kind",
                storedId));
        assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND NOT active", storedId),
                "the shop row stays, as the audit trail");
        assertEquals(0, redis.key().exists(keys.cursor(TRUST_STORED_SHOP, "products")) ? 1 : 0,
                "no cursor survives the erasure");
    }

    @Test
    void aReinstalledShopIsActiveAgain() {
        simulator.shop(TRUST_SHOP).uninstallApp();
        assertEquals("{\"status\":\"confirming\"}", status(deliver(TRUST_SHOP, "app/uninstalled",
                SignedWebhook.fixture("app/uninstalled"))));
        lifecycle(TRUST_SHOP);
        assertEquals(0, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
        assertEquals("INACTIVE", SliceInvoker.slice(Map.of("shop", TRUST_SHOP, "resource", "products"))
                .getString("outcome"));
        // a probe while still uninstalled changes nothing
        lifecycle(TRUST_SHOP);
        assertEquals(0, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));

        simulator.shop(TRUST_SHOP).reinstallApp(TOKEN);
        lifecycle(TRUST_SHOP);
        assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
        assertEquals("COMPLETED", SliceInvoker.slice(Map.of("shop", TRUST_SHOP, "resource", "products"))
                .getString("outcome"));

        // a registry row pointed at a new token secret is a reinstall too
        data.execute("UPDATE shop SET active = false, uninstalled_at = now() WHERE id = ?", shopId);
        data.execute("UPDATE shop SET secret_source = 'ssm', secret_id = '/shopify-sync/tokens/new' WHERE id = ?",
                shopId);
        assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND active AND uninstalled_at IS NULL",
                shopId));
        data.execute("UPDATE shop SET secret_source = NULL, secret_id = NULL WHERE id = ?", shopId);
    }

    @Test
    void aMalformedDateIsABadBodyAndAnUnreadableSecretIsATemporaryFailure() throws Exception {
        ObjectNode product = (ObjectNode) json.readTree(SignedWebhook.fixture("products/update"));
        product.put("updated_at", "yesterday at noon");
        Map<String, Object> bad = deliver(TRUST_SHOP, "products/update", product.toString());
        assertRefused(bad);
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ? AND id = 788032119674292922",
                shopId));

        // a registered shop whose webhook secret cannot be read right now: 503, so Shopify retries; not 401
        data.execute("INSERT INTO shop (domain, api_version, secret_source, secret_id, base_url, webhook_secret_source, "
                + "webhook_secret_id) VALUES (?, '2026-10', 'secretsmanager', ?, ?, 'secretsmanager', ?) "
                + "ON CONFLICT (domain) DO UPDATE SET secret_source = excluded.secret_source, secret_id = "
                + "excluded.secret_id, webhook_secret_source = excluded.webhook_secret_source, webhook_secret_id = "
                + "excluded.webhook_secret_id", TRUST_STORED_SHOP, TOKEN_SECRET, simulator.baseUrl(TRUST_STORED_SHOP),
                WEBHOOK_SECRET_ID + "-missing");
        stored.all(true);
        String requests = "SELECT count(*) FROM shop_lifecycle_request r JOIN shop s ON s.id = r.shop_id "
                + "WHERE s.domain = ?";
        long before = data.count(requests, TRUST_STORED_SHOP);
        Map<String, Object> unavailable = handler.handleRequest(SignedWebhook.of(TRUST_STORED_SHOP,
                "shop/redact", SignedWebhook.fixture("shop/redact", TRUST_STORED_SHOP), OWN_SECRET).event(), null);
        assertEquals(503, unavailable.get("statusCode"));
        assertEquals("{\"error\":\"temporarily unavailable\"}", unavailable.get("body"));
        assertEquals(before, data.count(requests, TRUST_STORED_SHOP));
    }

    @Test
    void unknownTopicsAreIgnoredAndNeverBecomeAMetricDimension() {
        assertEquals("{\"status\":\"ignored\"}", status(deliver(TRUST_SHOP, "made-up/topic-" + System.nanoTime(),
                "{\"id\": 1}")));
        WebhookTopics topics = new WebhookTopics();
        assertEquals("other", topics.dimension("made-up/topic"));
        assertEquals("products/update", topics.dimension("products/update"));
        assertEquals(WebhookTopics.OTHER, topics.dimension(null));
    }

    private JsonPath lifecycle(String shop) {
        return SliceInvoker.slice(Map.of("shop", shop, "resource", "shop", "mode", "lifecycle"));
    }

    /**
     * Every row of the shop's data, in every table that has a {@code shop_id} (found in the catalog, not from the
     * eraser's own list): all but the lifecycle audit trail (its requests and its own runs).
     */
    private long rowsOf(long id) {
        return dataRowsOf(id) + data.count("SELECT count(*) FROM sync_run WHERE shop_id = ? AND resource <> 'shop'",
                id);
    }

    /** {@link #rowsOf} without the sync runs (every slice adds one). */
    private long dataRowsOf(long id) {
        long rows = 0;
        for (String table : data.texts("SELECT c.table_name FROM information_schema.columns c JOIN "
                + "information_schema.tables t USING (table_schema, table_name) WHERE c.column_name = 'shop_id' "
                + "AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
                + "AND c.table_name NOT IN ('shop_lifecycle_request', 'sync_run') ORDER BY c.table_name")) {
            rows += data.count("SELECT count(*) FROM " + table + " WHERE shop_id = ?", id);
        }
        return rows;
    }

    private Map<String, Object> deliver(String shop, String topic, String body) {
        return handler.handleRequest(SignedWebhook.of(shop, topic, body, APP_WEBHOOK_SECRET).event(), null);
    }

    private static String status(Map<String, Object> response) {
        assertEquals(200, response.get("statusCode"), String.valueOf(response.get("body")));
        return String.valueOf(response.get("body"));
    }

    private static void assertRefused(Map<String, Object> response) {
        assertEquals(400, response.get("statusCode"));
        assertEquals("{\"error\":\"payload does not fit its topic\"}", response.get("body"));
    }
}
