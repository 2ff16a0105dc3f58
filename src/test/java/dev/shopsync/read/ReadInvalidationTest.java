package dev.shopsync.read;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.CACHE_SHOP;
import static dev.shopsync.support.SimulatorResource.TOKEN;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.cache.AnswerCache;
import dev.shopsync.lambda.SyncSliceHandler;
import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.simulator.CollectionTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.TestData;
import dev.shopsync.sync.collection.CollectionPageWriter;
import dev.shopsync.sync.collection.CollectionRow;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Each edge of cache invalidation, through the handlers as Lambda calls them (the read function through the mock
 * event server): an answer is first served from L1
 * (proving it is cached), then the real write path runs (a webhook, a refresh slice, a redaction, an erasure), and
 * the very next read must show the new state.
 */
@QuarkusTest
@TestProfile(ReadInvalidationTest.ReadFunction.class)
@WithTestResource(SimulatorResource.class)
class ReadInvalidationTest {

    private static final Set<String> FROM_DATABASE = Set.of("miss", "bypass");
    private static final String COUNTED_LEVEL = "NOT EXISTS (SELECT 1 FROM location loc WHERE loc.shop_id = l.shop_id "
            + "AND loc.id = l.location_id AND (loc.deleted_at IS NOT NULL OR NOT loc.is_active))";

    @Inject
    SyncSliceHandler slices;

    @Inject
    WebhookHandler webhooks;

    @Inject
    AnswerCache cache;

    @Inject
    StartupWarming warming;

    @Inject
    CollectionPageWriter collections;

    @Inject
    TestData data;

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @InjectSimulator
    ShopifySimulator simulator;

    private long shopId;

    @BeforeEach
    void syncedShop() {
        data.reset(CACHE_SHOP);
        data.execute("UPDATE shop SET active = true, uninstalled_at = NULL WHERE domain = ?", CACHE_SHOP);
        shopId = data.shopId(CACHE_SHOP);
        for (String resource : List.of("locations", "products", "inventory", "collections", "customers", "orders")) {
            for (int slices = 0; slice(Map.of("shop", CACHE_SHOP, "resource", resource, "maxPages", 50))
                    .path("hasMore").asBoolean(); slices++) {
                assertTrue(slices < 100, resource + " is synced");
            }
        }
        cache.clearL1();
    }

    @AfterEach
    void installedAgain() {
        simulator.shop(CACHE_SHOP).reinstallApp(TOKEN);
    }

    @Test
    void aProductWebhookChangesTheProductAnswerAsSoonAsItIsAnswered() throws Exception {
        long product = Long.parseLong(data.text("SELECT product_id FROM product_variant WHERE shop_id = ? "
                + "AND deleted_at IS NULL ORDER BY product_id LIMIT 1", shopId));
        String path = "/shops/" + CACHE_SHOP + "/products/" + product;
        JsonNode before = cachedInL1(path);

        String payload = data.text("""
                SELECT json_build_object('admin_graphql_api_id', p.gid, 'id', p.id, 'title', 'Renamed by webhook',
                    'handle', p.handle, 'status', lower(p.status), 'vendor', p.vendor, 'product_type', p.product_type,
                    'tags', array_to_string(p.tags, ', '), 'created_at', p.created_at,
                    'updated_at', p.updated_at + interval '1 minute', 'published_at', p.published_at,
                    'variants', (SELECT json_agg(json_build_object('admin_graphql_api_id', v.gid, 'id', v.id,
                        'product_id', p.id, 'title', v.title, 'sku', v.sku, 'barcode', v.barcode,
                        'price', (v.price + 1)::text, 'position', v.position, 'taxable', v.taxable,
                        'created_at', v.created_at, 'updated_at', v.updated_at + interval '1 minute'))
                        FROM product_variant v WHERE v.shop_id = p.shop_id AND v.product_id = p.id
                        AND v.deleted_at IS NULL))::text
                FROM product p WHERE p.shop_id = ? AND p.id = ?""", shopId, product);
        assertEquals("{\"status\":\"upserted\"}", deliver("products/update", payload).get("body"));

        Read after = read(path);
        assertTrue(FROM_DATABASE.contains(after.cache()), after.cache());
        assertEquals("Renamed by webhook", after.body().path("title").asText());
        assertEquals(before.path("variants").size(), after.body().path("variants").size());
        for (int i = 0; i < before.path("variants").size(); i++) {
            assertEquals(before.path("variants").get(i).path("price").decimalValue().add(java.math.BigDecimal.ONE)
                    .compareTo(after.body().path("variants").get(i).path("price").decimalValue()), 0);
        }
        assertEquals(after.body(), cachedInL1(path), "the new answer is cached in turn");
    }

    @Test
    void theRefreshAnInventoryWebhookQueuedChangesTheProductAnswerAsSoonAsItCommits() throws Exception {
        long item = simulator.shop(CACHE_SHOP).adjustInventory(1, Instant.now()).get(0);
        long variant = Long.parseLong(data.text("SELECT variant_id FROM inventory_item WHERE shop_id = ? AND id = ?",
                shopId, item));
        long product = Long.parseLong(data.text("SELECT product_id FROM product_variant WHERE shop_id = ? "
                + "AND id = ?", shopId, variant));
        String path = "/shops/" + CACHE_SHOP + "/products/" + product;
        JsonNode before = cachedInL1(path);
        assertNotEquals(data.databaseInventoryChecksums(CACHE_SHOP).get(item),
                TestData.truthInventoryChecksums(simulator.shop(CACHE_SHOP)).get(item), "Shopify moved stock");

        String location = data.text("SELECT location_id FROM inventory_level WHERE shop_id = ? "
                + "AND inventory_item_id = ? ORDER BY location_id LIMIT 1", shopId, item);
        String level = "{\"inventory_item_id\": " + item + ", \"location_id\": " + location + ", \"available\": 3, "
                + "\"updated_at\": \"" + Instant.now() + "\", \"admin_graphql_api_id\": "
                + "\"gid://shopify/InventoryLevel/" + location + "?inventory_item_id=" + item + "\"}";
        assertEquals("{\"status\":\"queued\"}", deliver("inventory_levels/update", level).get("body"));
        Read queued = read(path);
        assertEquals("l1", queued.cache(), "nothing was committed yet: the cached answer is still the truth");
        assertEquals(before, queued.body());

        assertEquals(1, slice(Map.of("shop", CACHE_SHOP, "resource", "inventory", "mode", "refresh"))
                .path("records").asInt());
        assertEquals(TestData.truthInventoryChecksums(simulator.shop(CACHE_SHOP)).get(item),
                data.databaseInventoryChecksums(CACHE_SHOP).get(item));

        Read after = read(path);
        assertTrue(FROM_DATABASE.contains(after.cache()), after.cache());
        long available = data.count("SELECT coalesce(sum(l.available), 0) FROM inventory_level l WHERE l.shop_id = ? "
                + "AND l.inventory_item_id = ? AND " + COUNTED_LEVEL, shopId, item);
        assertEquals(available, variantOf(after.body(), variant).path("available").asLong());
    }

    @Test
    void aMembershipChangeChangesTheCollectionPageAndTheProductsCollectionIds() throws Exception {
        CollectionTruth edited = null;
        List<Long> stored = List.of();
        for (int attempt = 0; attempt < 20 && edited == null; attempt++) {
            long id = simulator.shop(CACHE_SHOP).editCollections(1, Instant.now()).get(0);
            CollectionTruth truth = simulator.shop(CACHE_SHOP).collections().stream().filter(c -> c.id() == id)
                    .findFirst().orElseThrow();
            stored = longs(data.texts("SELECT product_id FROM collection_product WHERE shop_id = ? "
                    + "AND collection_id = ? ORDER BY position", shopId, id));
            if (!truth.smart() && !Set.copyOf(stored).equals(Set.copyOf(truth.productIds()))) {
                edited = truth;
            }
        }
        assertTrue(edited != null, "an edit that changed a collection's members");
        List<Long> changedMembers = new ArrayList<>(stored);
        changedMembers.removeAll(edited.productIds());
        List<Long> added = new ArrayList<>(edited.productIds());
        added.removeAll(stored);
        changedMembers.addAll(added);
        long member = changedMembers.get(0);
        String page = "/shops/" + CACHE_SHOP + "/collections/" + edited.id() + "/products";
        String product = "/shops/" + CACHE_SHOP + "/products/" + member;
        JsonNode pageBefore = cachedInL1(page, Map.of("first", "100"));
        JsonNode productBefore = cachedInL1(product);
        assertEquals(stored, ids(pageBefore.path("products")));

        String body = "{\"id\": " + edited.id() + ", \"admin_graphql_api_id\": \"" + edited.gid() + "\", "
                + "\"title\": \"" + edited.title() + "\", \"handle\": \"" + edited.handle() + "\", "
                + "\"updated_at\": \"" + edited.updatedAt() + "\"}";
        assertEquals("{\"status\":\"queued\"}", deliver("collections/update", body).get("body"));
        assertTrue(slice(Map.of("shop", CACHE_SHOP, "resource", "collections", "mode", "refresh"))
                .path("records").asInt() >= 1);

        Read pageAfter = read(page, Map.of("first", "100"));
        assertTrue(FROM_DATABASE.contains(pageAfter.cache()), pageAfter.cache());
        List<Long> live = longs(data.texts("SELECT cp.product_id FROM collection_product cp JOIN product p "
                + "ON p.shop_id = cp.shop_id AND p.id = cp.product_id AND p.deleted_at IS NULL "
                + "WHERE cp.shop_id = ? AND cp.collection_id = ? ORDER BY cp.position", shopId, edited.id()));
        assertEquals(Set.copyOf(edited.productIds()), Set.copyOf(live));
        assertEquals(live, ids(pageAfter.body().path("products")));

        Read productAfter = read(product);
        assertTrue(FROM_DATABASE.contains(productAfter.cache()), productAfter.cache());
        assertEquals(edited.productIds().contains(member),
                longs(productAfter.body().path("collection_ids")).contains(edited.id()));
        assertNotEquals(productBefore.path("collection_ids"), productAfter.body().path("collection_ids"));
    }

    @Test
    void aProductLeavingOneOfTwoCollectionsWrittenInOnePageChangesItsCollectionIds() throws Exception {
        // it stays in the other one: the page holds it before and after, yet its list of collections changed
        String[] pair = data.text("SELECT a.collection_id || ' ' || b.collection_id || ' ' || a.product_id "
                + "FROM collection_product a JOIN collection_product b ON b.shop_id = a.shop_id "
                + "AND b.product_id = a.product_id AND b.collection_id > a.collection_id "
                + "JOIN product p ON p.shop_id = a.shop_id AND p.id = a.product_id AND p.deleted_at IS NULL "
                + "WHERE a.shop_id = ? ORDER BY 1 LIMIT 1", shopId).split(" ");
        long left = Long.parseLong(pair[0]);
        long kept = Long.parseLong(pair[1]);
        long product = Long.parseLong(pair[2]);
        String path = "/shops/" + CACHE_SHOP + "/products/" + product;
        JsonNode before = cachedInL1(path);
        assertTrue(longs(before.path("collection_ids")).containsAll(List.of(left, kept)));

        List<Long> leftMembers = new ArrayList<>(longs(data.texts("SELECT product_id FROM collection_product "
                + "WHERE shop_id = ? AND collection_id = ? ORDER BY position", shopId, left)));
        List<Long> keptMembers = longs(data.texts("SELECT product_id FROM collection_product "
                + "WHERE shop_id = ? AND collection_id = ? ORDER BY position", shopId, kept));
        leftMembers.remove(product);
        Instant now = Instant.now();
        collections.write(shopId, List.of(collection(left, leftMembers, now), collection(kept, keptMembers, now)));

        Read after = read(path);
        assertTrue(FROM_DATABASE.contains(after.cache()), after.cache());
        List<Long> ids = longs(after.body().path("collection_ids"));
        assertFalse(ids.contains(left), ids.toString());
        assertTrue(ids.contains(kept), ids.toString());
    }

    private CollectionRow collection(long id, List<Long> members, Instant at) {
        return new CollectionRow(id, data.text("SELECT gid FROM collection WHERE shop_id = ? AND id = ?", shopId, id),
                data.text("SELECT title FROM collection WHERE shop_id = ? AND id = ?", shopId, id),
                data.text("SELECT handle FROM collection WHERE shop_id = ? AND id = ?", shopId, id), "MANUAL",
                Boolean.parseBoolean(data.text("SELECT smart FROM collection WHERE shop_id = ? AND id = ?", shopId, id)),
                at, "{}", members);
    }

    @Test
    void aRedactionRemovesTheCustomersDataFromEveryCachedAnswer() throws Exception {
        long customer = Long.parseLong(data.text("SELECT o.customer_id FROM orders o JOIN customer c "
                + "ON c.shop_id = o.shop_id AND c.id = o.customer_id WHERE o.shop_id = ? AND c.email IS NOT NULL "
                + "AND o.email IS NOT NULL AND o.deleted_at IS NULL ORDER BY o.customer_id LIMIT 1", shopId));
        long order = Long.parseLong(data.text("SELECT min(id) FROM orders WHERE shop_id = ? AND customer_id = ? "
                + "AND deleted_at IS NULL", shopId, customer));
        String email = data.text("SELECT email FROM customer WHERE shop_id = ? AND id = ?", shopId, customer);
        String orderPath = "/shops/" + CACHE_SHOP + "/orders/" + order;
        String ordersPath = "/shops/" + CACHE_SHOP + "/customers/" + customer + "/orders";
        assertEquals(email, cachedInL1(orderPath).path("customer").path("email").asText());
        cachedInL1(ordersPath);
        String productPath = "/shops/" + CACHE_SHOP + "/products/" + data.text("SELECT min(id) FROM product "
                + "WHERE shop_id = ? AND deleted_at IS NULL", shopId);
        JsonNode product = cachedInL1(productPath);
        assertTrue(cachedBodies().stream().anyMatch(body -> body.contains(email)), "the e-mail is cached");

        String redact = "{\"shop_id\": 1, \"shop_domain\": \"" + CACHE_SHOP + "\", \"customer\": {\"id\": "
                + customer + "}, \"orders_to_redact\": [" + order + "]}";
        assertEquals("{\"status\":\"redacted\"}", deliver("customers/redact", redact).get("body"));

        assertFalse(cachedBodies().stream().anyMatch(body -> body.contains(email)), "no cached answer holds it");
        Read after = read(orderPath);
        assertTrue(FROM_DATABASE.contains(after.cache()), after.cache());
        assertTrue(after.body().path("customer").path("redacted").asBoolean());
        assertTrue(after.body().path("customer").path("email").isNull());
        assertTrue(after.body().path("email").isNull());
        Read orders = read(ordersPath);
        assertTrue(FROM_DATABASE.contains(orders.cache()), orders.cache());
        assertFalse(orders.body().toString().contains(email));
        Read untouched = read(productPath);
        assertEquals("l1", untouched.cache(), "answers without the customer's data stay cached");
        assertEquals(product, untouched.body());
    }

    @Test
    void aShopErasureEmptiesItsCache() throws Exception {
        long product = Long.parseLong(data.text("SELECT min(id) FROM product WHERE shop_id = ? AND deleted_at IS NULL",
                shopId));
        String path = "/shops/" + CACHE_SHOP + "/products/" + product;
        cachedInL1(path);
        cachedInL1("/shops/" + CACHE_SHOP + "/orders/" + data.text("SELECT min(id) FROM orders WHERE shop_id = ?",
                shopId));
        assertEquals(2, cachedBodies().size());

        simulator.shop(CACHE_SHOP).uninstallApp();
        ObjectNode uninstalled = (ObjectNode) json.readTree(SignedWebhook.fixture("app/uninstalled"));
        uninstalled.put("myshopify_domain", CACHE_SHOP);
        assertEquals("{\"status\":\"confirming\"}", deliver("app/uninstalled", uninstalled.toString()).get("body"));
        assertEquals("COMPLETED", lifecycleSlice().path("outcome").asText());
        assertEquals("{\"status\":\"recorded\"}", deliver("shop/redact",
                SignedWebhook.fixture("shop/redact", CACHE_SHOP)).get("body"));
        for (int slices = 0; lifecycleSlice().path("hasMore").asBoolean(); slices++) {
            assertTrue(slices < 50, "the erasure ends");
        }
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ?", shopId));

        assertEquals(List.of(), cachedBodies(), "no cached answer of the shop is left in Redis");
        assertFalse(redis.key().exists(keys.answerIndex(shopId)));
        Read after = read(path);
        assertEquals(404, after.status());
        assertTrue(FROM_DATABASE.contains(after.cache()), after.cache());
    }

    @Test
    void aStartingContainerIsWarmedWithTheShopsHottestAnswers() throws Exception {
        String productId = data.text("SELECT min(id) FROM product WHERE shop_id = ? AND deleted_at IS NULL", shopId);
        String orderId = data.text("SELECT min(id) FROM orders WHERE shop_id = ?", shopId);
        String product = "/shops/" + CACHE_SHOP + "/products/" + productId;
        String order = "/shops/" + CACHE_SHOP + "/orders/" + orderId;
        JsonNode productAnswer = cachedInL1(product);
        JsonNode orderAnswer = cachedInL1(order);
        cache.clearL1(); // a new container

        assertTrue(warming.warmAll() >= 2);
        assertEquals(Set.of(shopId + ":product:" + productId, shopId + ":order:" + orderId), l1KeysOfTheShop());
        Read warmed = read(product);
        assertEquals("l1", warmed.cache(), "the first read of the new container");
        assertEquals(productAnswer, warmed.body());
        assertEquals(orderAnswer, read(order).body());
    }

    private Set<String> l1KeysOfTheShop() {
        return cache.l1Keys().stream().filter(key -> key.startsWith(shopId + ":"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private record Read(int status, String cache, JsonNode body) {
    }

    private Read read(String path) throws Exception {
        return read(path, Map.of());
    }

    private Read read(String path, Map<String, String> query) throws Exception {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("rawPath", path);
        event.put("requestContext", Map.of("http", Map.of("method", "GET", "path", path)));
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        // as Lambda calls the read function: the event to Quarkus' mock event server, its answer back as JSON
        JsonNode response = json.readTree(given().contentType("application/json").accept("application/json")
                .body(event).when().post().then().statusCode(200).extract().asString());
        return new Read(response.path("statusCode").asInt(), response.path("headers").path("x-cache").asText(null),
                json.readTree(response.path("body").asText()));
    }

    private JsonNode cachedInL1(String path) throws Exception {
        return cachedInL1(path, Map.of());
    }

    /**
     * Reads until the answer comes from L1: the first read is a miss (or, within the millisecond of a commit, a bypass
     * that is not cached); a second one in a later millisecond is then an L1 hit.
     */
    private JsonNode cachedInL1(String path, Map<String, String> query) throws Exception {
        JsonNode first = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            Read read = read(path, query);
            assertEquals(200, read.status(), read.body().toString());
            if (first != null) {
                assertEquals(first, read.body(), "the same answer from wherever it came");
            }
            first = read.body();
            if ("l1".equals(read.cache())) {
                return read.body();
            }
            Thread.sleep(2);
        }
        return fail("never an L1 hit: " + path);
    }

    /** The bodies of the shop's answers in Redis (L2). */
    private List<String> cachedBodies() {
        List<String> bodies = new ArrayList<>();
        for (String key : redis.key().scan(new KeyScanArgs().match(keys.cachedAnswer(shopId, "*")).count(500))
                .toIterable()) {
            String body = redis.hash(String.class).hget(key, "b");
            if (body != null) {
                bodies.add(body);
            }
        }
        return bodies;
    }

    private Map<String, Object> deliver(String topic, String body) {
        return webhooks.handleRequest(SignedWebhook.of(CACHE_SHOP, topic, body, APP_WEBHOOK_SECRET).event(), null);
    }

    private JsonNode lifecycleSlice() {
        return slice(Map.of("shop", CACHE_SHOP, "resource", "shop", "mode", "lifecycle"));
    }

    /** A slice, through the sync-slice handler's bean (the mock event server serves the read function here). */
    private JsonNode slice(Map<String, Object> event) {
        return json.valueToTree(slices.handleRequest(event, null));
    }

    /** This class's Quarkus serves the read function on the mock event server, as the read Lambda does. */
    public static class ReadFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "read");
        }
    }

    private static JsonNode variantOf(JsonNode product, long variant) {
        for (JsonNode v : product.path("variants")) {
            if (v.path("id").asLong() == variant) {
                return v;
            }
        }
        return fail("variant " + variant + " not in " + product);
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.path("id").asLong()));
        return ids;
    }

    private static List<Long> longs(JsonNode values) {
        List<Long> longs = new ArrayList<>();
        values.forEach(value -> longs.add(value.asLong()));
        return longs;
    }

    private static List<Long> longs(List<String> texts) {
        return texts.stream().map(Long::parseLong).toList();
    }
}
