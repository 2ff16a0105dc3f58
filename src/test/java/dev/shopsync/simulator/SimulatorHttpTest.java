package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The endpoint as a client sees it: auth, versions, encodings, faults, cost and throttling responses. */
class SimulatorHttpTest {

    static final String DOMAIN = "alpha.myshopify.com";
    static final String TOKEN = "shpat_alpha";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String CHEAP_PAGE = "{ products(first: 250) { nodes { id } pageInfo { hasNextPage endCursor } } }";

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(NOW);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock));
        shop = simulator.addShop(DOMAIN, TOKEN, ShopPlan.STANDARD, new CatalogSpec(1, 300, NOW, 0));
        client = new SimulatorClient(simulator.baseUrl(DOMAIN), TOKEN, "2026-10");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = SimulatorHttpTest.class.getResourceAsStream("/shopify/graphql/" + name)) {
            return SimulatorClient.JSON.readTree(in);
        }
    }

    @Test
    void answersAQueryWithDataAndCost() {
        SimulatorClient.Reply reply = client.post(CHEAP_PAGE);
        assertEquals(200, reply.status());
        assertEquals("application/json; charset=utf-8", reply.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("2026-10", reply.headers().firstValue("X-Shopify-API-Version").orElseThrow());
        assertEquals(250, reply.data().path("products").path("nodes").size());
        assertEquals(13, reply.cost().path("requestedQueryCost").asInt());
        assertEquals(1, shop.counters().okResponses());
    }

    @Test
    void costExtensionHasTheShapeOfTheRealCapture() throws IOException {
        JsonNode capture = fixture("products-connection-page-1-of-6.json");
        Map<String, Object> variables = SimulatorClient.JSON.convertValue(capture.path("request").path("variables"),
                new TypeReference<>() {
                });
        SimulatorClient.Reply reply = client.post(capture.path("request").path("query").asText(), variables);

        JsonNode realCost = capture.path("response").path("extensions").path("cost");
        JsonNode cost = reply.cost();
        assertEquals(fieldNames(realCost), fieldNames(cost));
        assertEquals(fieldNames(realCost.path("throttleStatus")), fieldNames(cost.path("throttleStatus")));
        assertEquals(realCost.path("requestedQueryCost").asInt(), cost.path("requestedQueryCost").asInt());
        int actual = cost.path("actualQueryCost").asInt();
        assertTrue(actual > 0 && actual <= 442, "actual " + actual);
        // On the wire the bucket sizes are floating point (the capture went through JavaScript), the balance whole.
        assertTrue(cost.path("throttleStatus").path("maximumAvailable").isDouble());
        assertTrue(cost.path("throttleStatus").path("restoreRate").isDouble());
        assertTrue(cost.path("throttleStatus").path("currentlyAvailable").isInt());
        assertEquals(2000.0, cost.path("throttleStatus").path("maximumAvailable").asDouble());
        assertEquals(2000 - actual, cost.path("throttleStatus").path("currentlyAvailable").asInt());
        assertEquals(100.0, cost.path("throttleStatus").path("restoreRate").asDouble());

        JsonNode realNode = capture.path("response").path("data").path("products").path("nodes").get(0);
        JsonNode node = reply.data().path("products").path("nodes").get(0);
        assertEquals(fieldNames(realNode), fieldNames(node));
        assertEquals(fieldNames(realNode.path("bulkNested2").path("pageInfo")),
                fieldNames(node.path("bulkNested2").path("pageInfo")));
        assertEquals(shop.counters().actualCostCharged(), actual);
    }

    @Test
    void anUnknownFieldIsRejectedAndChargesNothing() {
        SimulatorClient.Reply reply = client.post("{ products(first: 5) { nodes { id noSuchField } } }");
        assertEquals(200, reply.status());
        assertFalse(reply.body().has("data"));
        JsonNode error = reply.body().path("errors").get(0);
        assertEquals("Field 'noSuchField' doesn't exist on type 'Product'", error.path("message").asText());
        assertEquals("undefinedField", error.path("extensions").path("code").asText());
        assertEquals(1, error.path("locations").get(0).path("line").asInt());
        assertEquals(1, shop.counters().invalidQueries());
        assertEquals(0, shop.counters().requestedCostCharged());
        assertEquals(2000.0, shop.throttleStatus().currentlyAvailable());
    }

    @Test
    void aQueryOverOneThousandPointsIsRejectedLikeTheCapture() throws IOException {
        String query = "{ products(first: 250) { nodes { variants(first: 250) { nodes { id"
                + " product { variants(first: 250) { nodes { id } } } } } } } }";
        SimulatorClient.Reply reply = client.post(query);
        assertEquals(200, reply.status());
        String expected = fixture("MAX_COST_EXCEEDED-measured-2026-08-28.json").toString().replace("1293", "1850");
        assertEquals(SimulatorClient.JSON.readTree(expected), reply.body());
        assertEquals(1, shop.counters().maxCostExceeded());
        assertEquals(2000.0, shop.throttleStatus().currentlyAvailable());
    }

    @Test
    void aLowBucketAnswersThrottledLikeTheCaptureAndRefillsByTheRestoreRate() throws IOException {
        shop.setPlan(ShopPlan.custom(50, 10));
        for (int i = 0; i < 3; i++) {
            assertEquals(13, client.post(CHEAP_PAGE).cost().path("actualQueryCost").asInt());
        }
        SimulatorClient.Reply throttled = client.post(CHEAP_PAGE);
        assertEquals(200, throttled.status());
        assertTrue(throttled.headers().firstValue("Retry-After").isEmpty());
        ObjectNode expected = (ObjectNode) fixture("THROTTLED-measured-2026-08-28-advanced-plan.json");
        ObjectNode cost = (ObjectNode) expected.path("extensions").path("cost");
        cost.put("requestedQueryCost", 13);
        ObjectNode status = (ObjectNode) cost.path("throttleStatus");
        status.put("maximumAvailable", 50.0);
        status.put("currentlyAvailable", 11);
        status.put("restoreRate", 10.0);
        assertEquals(expected, throttled.body());
        assertEquals(1, shop.counters().throttled());
        assertEquals(39, shop.counters().actualCostCharged(), "a throttled query charges nothing");

        // (requested - available) / restoreRate = 0.2 s later the query fits.
        clock.advance(Duration.ofMillis(200));
        SimulatorClient.Reply retried = client.post(CHEAP_PAGE);
        assertEquals(13, retried.cost().path("actualQueryCost").asInt());
        assertEquals(0, retried.cost().path("throttleStatus").path("currentlyAvailable").asInt());
        clock.advance(Duration.ofSeconds(3));
        assertEquals(30.0, shop.throttleStatus().currentlyAvailable(), 1e-9);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(50.0, shop.throttleStatus().currentlyAvailable(), 1e-9);
    }

    @Test
    void aBadTokenGets401() {
        SimulatorClient.Reply wrong = new SimulatorClient(simulator.baseUrl(DOMAIN), "shpat_wrong", "2026-10")
                .post(CHEAP_PAGE);
        assertEquals(401, wrong.status());
        assertEquals("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}",
                wrong.body().toString());
        assertEquals(401, new SimulatorClient(simulator.baseUrl(DOMAIN), null, "2026-10").post(CHEAP_PAGE).status());
        assertEquals(2, shop.counters().unauthorized());
        assertEquals(0, shop.counters().okResponses());
    }

    @Test
    void unknownShopsAndOtherMethodsAreRefused() {
        assertEquals(404, new SimulatorClient(simulator.baseUrl("nope.myshopify.com"), TOKEN, "2026-10")
                .post(CHEAP_PAGE).status());
        SimulatorClient.Reply get = client.send(client.request().GET());
        assertEquals(405, get.status());
    }

    @Test
    void anUnsupportedVersionFallsForwardToTheOldestSupported() {
        assertEquals("2025-10", new SimulatorClient(simulator.baseUrl(DOMAIN), TOKEN, "2024-01").post(CHEAP_PAGE)
                .headers().firstValue("X-Shopify-API-Version").orElseThrow());
        assertEquals("2026-07", new SimulatorClient(simulator.baseUrl(DOMAIN), TOKEN, "2026-07").post(CHEAP_PAGE)
                .headers().firstValue("X-Shopify-API-Version").orElseThrow());
    }

    @Test
    void gzipsWhenAsked() throws IOException {
        SimulatorClient.Reply reply = client.send(client.request().header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ shop { name myshopifyDomain } }\"}")));
        assertEquals("gzip", reply.headers().firstValue("Content-Encoding").orElseThrow());
        byte[] plain;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(reply.raw()))) {
            plain = in.readAllBytes();
        }
        JsonNode body = SimulatorClient.JSON.readTree(plain);
        assertEquals(DOMAIN, body.path("data").path("shop").path("myshopifyDomain").asText());
        assertTrue(client.post("{ shop { name } }").headers().firstValue("Content-Encoding").isEmpty());
    }

    @Test
    void queued429sComeFirstWithRetryAfterThenNormalService() {
        shop.faults().respond429Next(2, "1.5");
        for (int i = 0; i < 2; i++) {
            SimulatorClient.Reply reply = client.post(CHEAP_PAGE);
            assertEquals(429, reply.status());
            assertEquals("1.5", reply.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted"
                    + " service.", reply.body().path("errors").asText());
        }
        SimulatorClient.Reply ok = client.post(CHEAP_PAGE);
        assertEquals(200, ok.status());
        assertEquals(250, ok.data().path("products").path("nodes").size());
        assertEquals(2, shop.counters().http429());
        assertEquals(13, shop.counters().requestedCostCharged());
        assertEquals(3, shop.counters().requests());
    }

    @Test
    void queued5xxAreServedAndCounted() {
        shop.faults().respond5xxNext(1, 503);
        SimulatorClient.Reply reply = client.post(CHEAP_PAGE);
        assertEquals(503, reply.status());
        assertEquals("Internal Server Error", reply.body().path("errors").asText());
        assertEquals(200, client.post(CHEAP_PAGE).status());
        assertEquals(1, shop.counters().http5xx());
        shop.counters().reset();
        assertEquals(new SimCounters.Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                shop.counters().snapshot());
    }

    @Test
    void badPageArgumentsAreFieldErrorsLikeShopify() {
        SimulatorClient.Reply missing = client.post("{ products { nodes { id } } }");
        assertEquals(200, missing.status());
        assertTrue(missing.body().has("data") && missing.data().isNull());
        JsonNode error = missing.body().path("errors").get(0);
        assertEquals("you must provide one of first or last", error.path("message").asText());
        assertEquals("products", error.path("path").get(0).asText());
        assertEquals("BAD_REQUEST", error.path("extensions").path("code").asText());
        assertEquals(2, missing.cost().path("requestedQueryCost").asInt());

        SimulatorClient.Reply tooMany = client.post("{ products(first: 251) { nodes { id } } }");
        assertTrue(tooMany.body().path("errors").get(0).path("message").asText().contains("250"));
        assertTrue(tooMany.data().isNull());
    }

    @Test
    void aVariableOfTheWrongTypeChargesNothing() {
        SimulatorClient.Reply reply = client.post("query($n: Int!) { products(first: $n) { nodes { id } } }",
                Map.of("n", "many"));
        assertFalse(reply.body().has("data"));
        assertEquals(1, reply.body().path("errors").size());
        assertEquals(2000.0, shop.throttleStatus().currentlyAvailable());
        assertEquals(1, shop.counters().invalidQueries());
    }

    @Test
    void everyAnswerWaitsForTheConfiguredLatency() {
        try (ShopifySimulator slow = ShopifySimulator.start(SimulatorOptions.defaults()
                .withLatency(Duration.ofMillis(150)).withClock(clock))) {
            slow.addShop(DOMAIN, TOKEN, ShopPlan.STANDARD, CatalogSpec.of(1, 10));
            SimulatorClient slowClient = new SimulatorClient(slow.baseUrl(DOMAIN), TOKEN, "2026-10");
            slowClient.post("{ shop { id } }");
            long start = System.nanoTime();
            assertEquals(200, slowClient.post("{ shop { id } }").status());
            assertTrue(System.nanoTime() - start >= 150_000_000L);
        }
    }

    private static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        assertFalse(names.isEmpty(), "no fields in " + node);
        return names;
    }

    @Test
    void shopFieldsResolve() {
        JsonNode shopNode = client.post("{ shop { id name myshopifyDomain currencyCode } }").data().path("shop");
        assertEquals(DOMAIN, shopNode.path("myshopifyDomain").asText());
        assertEquals("USD", shopNode.path("currencyCode").asText());
        assertTrue(shopNode.path("id").asText().startsWith("gid://shopify/Shop/"));
    }
}
