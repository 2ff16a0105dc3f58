package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What Shopify refuses (invalid bulk queries, too many at once) and the faults a test can inject. */
class BulkOperationRulesTest {

    static final String DOMAIN = "rules.myshopify.com";
    static final String TOKEN = "shpat_rules";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String IDS = "{ products { edges { node { id } } } }";

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private BulkApi api;

    @BeforeEach
    void start() {
        clock = new MutableClock(NOW);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock));
        shop = simulator.addShop(DOMAIN, TOKEN, ShopPlan.STANDARD, new CatalogSpec(4, 10, NOW, 0, 0, 0, 0, 5));
        api = new BulkApi(new SimulatorClient(simulator.baseUrl(DOMAIN), TOKEN, "2026-10"));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void theSixthRunIsRefusedWithTheCapturedMessage() {
        shop.bulkOperations().timing(Duration.ofHours(1), 10);
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            gids.add(api.start(IDS));
        }
        SimulatorClient.Reply reply = api.post(BulkCaptures.RUN_MUTATION, Map.of("query", IDS));
        JsonNode payload = reply.data().path("bulkOperationRunQuery");
        assertTrue(payload.path("bulkOperation").isNull());
        JsonNode error = payload.path("userErrors").get(0);
        assertTrue(error.path("field").isNull());
        assertEquals("OPERATION_IN_PROGRESS", error.path("code").asText());
        assertEquals(BulkCaptures.IN_PROGRESS_PREFIX + String.join(", ", gids) + ".", error.path("message").asText());
        assertEquals(10, reply.cost().path("requestedQueryCost").asInt());
        assertEquals(5, shop.bulkOperations().started());
        assertEquals(1, shop.bulkOperations().rejected());
        assertEquals(1, shop.counters().bulkRejected());
    }

    @Test
    void before2026OnlyOneRunsAtATime() {
        BulkApi old = new BulkApi(new SimulatorClient(simulator.baseUrl(DOMAIN), TOKEN, "2025-10"));
        String first = old.start(IDS);
        JsonNode refused = old.run(IDS);
        assertEquals(BulkCaptures.IN_PROGRESS_PREFIX + first + ".",
                refused.path("userErrors").get(0).path("message").asText());
        // The same shop on a newer version still has room for four more.
        api.start(IDS);
        clock.advance(Duration.ofSeconds(5));
        old.start(IDS);
    }

    @Test
    void invalidQueriesAreRefusedWithAUserErrorOnQuery() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{ products { edges { node { id }", "Invalid bulk query");
        cases.put("{ products { edges { node { id noSuchField } } } }", "Invalid bulk query");
        cases.put("mutation { productDelete(input: {id: \"gid://shopify/Product/1\"}) { deletedProductId } }",
                "must be a query");
        cases.put("{ node(id: \"gid://shopify/Product/1\") { id } }", "top-level 'node'");
        cases.put("{ nodes(ids: [\"gid://shopify/Product/1\"]) { id } }", "top-level 'nodes'");
        cases.put("{ shop { name } }", "at least one connection");
        cases.put("{ products { edges { node { id variants { edges { node { id } } } media { nodes { id } }"
                + " collections { nodes { id } } metafields { nodes { id } } sellingPlanGroups { nodes { id } }"
                + " } } } }", "more than 5 connections");
        cases.put("{ products { edges { node { id collections { edges { node { id"
                + " products { edges { node { id } } } } } } } } } }", "more than 2 levels");
        cases.put("{ orders { edges { node { id refunds { id refundLineItems { edges { node { id } } } } } } } }",
                "inside a list field: 'refundLineItems' is inside 'refunds'");
        cases.put("{ products { edges { node { title variants { edges { node { id } } } } } } }",
                "must select the 'id' field");
        cases.put("query($q: String) { products(query: $q) { edges { node { id } } } }", "cannot use variables");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode payload = api.run(c.getKey());
            assertTrue(payload.path("bulkOperation").isNull(), c.getKey());
            JsonNode error = payload.path("userErrors").get(0);
            assertEquals("INVALID", error.path("code").asText(), c.getKey());
            assertEquals("[\"query\"]", error.path("field").toString(), c.getKey());
            assertTrue(error.path("message").asText().contains(c.getValue()),
                    c.getKey() + " -> " + error.path("message").asText());
        }
        assertEquals(0, shop.bulkOperations().started());
        assertEquals(0, shop.bulkOperations().all().size());
    }

    @Test
    void aPlannedFailureLeavesAPartialFileOfTheLinesWrittenBeforeIt() {
        shop.bulkOperations().timing(Duration.ofMillis(200), 10);
        String complete = api.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofMinutes(1));
        List<String> whole = BulkApi.lines(api.download(api.poll(complete).path("url").asText(), null).body());

        shop.bulkOperations().failNext(0.5, "INTERNAL_SERVER_ERROR");
        String failing = api.start(BulkCaptures.PRODUCTS_QUERY);
        int written = whole.size() / 2;
        clock.advance(Duration.ofMillis(200 + written * 100L - 1));
        assertEquals("RUNNING", api.poll(failing).path("status").asText());
        clock.advance(Duration.ofMillis(1));
        JsonNode failed = api.poll(failing);
        assertEquals("FAILED", failed.path("status").asText(), failed::toString);
        assertEquals("INTERNAL_SERVER_ERROR", failed.path("errorCode").asText());
        assertTrue(failed.path("url").isNull());
        assertEquals(String.valueOf(written), failed.path("objectCount").asText());
        assertEquals(String.valueOf(whole.subList(0, written).stream().filter(l -> !l.contains("__parentId"))
                .count()), failed.path("rootObjectCount").asText());
        byte[] partial = api.download(failed.path("partialDataUrl").asText(), null).body();
        assertEquals(whole.subList(0, written), BulkApi.lines(partial));
        assertEquals(String.valueOf(partial.length), failed.path("fileSize").asText());
        assertEquals("FAILED", shop.bulkOperations().all().get(1).status());

        // Only the next one fails.
        String after = api.start(IDS);
        clock.advance(Duration.ofMinutes(1));
        assertEquals("COMPLETED", api.poll(after).path("status").asText());
    }

    @Test
    void aCancelElsewhereIsCancelingThenCanceledAndBlocksNewRunsMeanwhile() {
        shop.bulkOperations().timing(Duration.ofMillis(200), 10);
        String gid = api.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofMillis(700));
        shop.bulkOperations().cancel(gid, Duration.ofSeconds(2));
        JsonNode canceling = api.poll(gid);
        assertEquals("CANCELING", canceling.path("status").asText());
        assertEquals("5", canceling.path("objectCount").asText());

        JsonNode refused = api.run(IDS);
        assertEquals(BulkCaptures.IN_PROGRESS_PREFIX + gid + ".",
                refused.path("userErrors").get(0).path("message").asText());
        JsonNode current = api.post("{ currentBulkOperation(type: QUERY) { id status } }", Map.of()).data()
                .path("currentBulkOperation");
        assertEquals("CANCELING", current.path("status").asText());

        clock.advance(Duration.ofSeconds(2));
        JsonNode canceled = api.poll(gid);
        assertEquals("CANCELED", canceled.path("status").asText());
        assertTrue(canceled.path("url").isNull());
        assertEquals("5", canceled.path("objectCount").asText());
        api.start(IDS);
        assertThrows(IllegalStateException.class, () -> shop.bulkOperations().cancel(gid, Duration.ZERO));
    }

    @Test
    void aHeldOperationStaysCreatedUntilReleasedThenRunsFromThatMoment() {
        shop.bulkOperations().timing(Duration.ofMillis(200), 10);
        shop.bulkOperations().holdAfterNext(1);
        String first = api.start(IDS);
        String held = api.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofHours(1));
        assertEquals("COMPLETED", api.poll(first).path("status").asText());
        JsonNode waiting = api.poll(held);
        assertEquals("CREATED", waiting.path("status").asText());
        assertEquals("0", waiting.path("objectCount").asText());

        shop.bulkOperations().release();
        clock.advance(Duration.ofMillis(1));
        assertEquals("RUNNING", api.poll(held).path("status").asText());
        clock.advance(Duration.ofMinutes(10));
        assertEquals("COMPLETED", api.poll(held).path("status").asText());
        // released means released: the next one is not held
        String next = api.start(IDS);
        clock.advance(Duration.ofMinutes(10));
        assertEquals("COMPLETED", api.poll(next).path("status").asText());
    }

    @Test
    void bulkOperationCancelThroughTheApi() {
        shop.bulkOperations().timing(Duration.ofSeconds(5), 10);
        String gid = api.start(IDS);
        JsonNode payload = api.post(BulkApi.CANCEL, Map.of("id", gid)).data().path("bulkOperationCancel");
        assertEquals(0, payload.path("userErrors").size());
        assertEquals("CANCELING", payload.path("bulkOperation").path("status").asText());
        clock.advance(SimulatedBulkOperations.API_CANCELING);
        assertEquals("CANCELED", api.poll(gid).path("status").asText());

        JsonNode again = api.post(BulkApi.CANCEL, Map.of("id", gid)).data().path("bulkOperationCancel");
        assertEquals("CANCELED", again.path("bulkOperation").path("status").asText());
        assertTrue(again.path("userErrors").get(0).path("message").asText().contains("canceled"));
    }

    @Test
    void expiredUrlsAnswer403AndTheOperationSaysExpired() {
        String gid = api.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofSeconds(10));
        String url = api.poll(gid).path("url").asText();
        assertEquals(200, api.download(url, null).statusCode());

        shop.bulkOperations().expireUrls();
        assertEquals("EXPIRED", api.poll(gid).path("status").asText());
        HttpResponse<byte[]> expired = api.download(url, null);
        assertEquals(403, expired.statusCode());
        assertEquals(BulkResultEndpoint.EXPIRED_BODY, new String(expired.body(), StandardCharsets.UTF_8));
        assertEquals("application/xml; charset=UTF-8", expired.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(403, api.download(url, "bytes=10-").statusCode());
    }

    @Test
    void urlsExpireSevenDaysAfterCompletion() {
        String gid = api.start(IDS);
        clock.advance(Duration.ofSeconds(10));
        String url = api.poll(gid).path("url").asText();
        clock.advance(Duration.ofDays(7));
        assertEquals("EXPIRED", api.poll(gid).path("status").asText());
        assertEquals(403, api.download(url, null).statusCode());
    }

    @Test
    void occupyingOperationsOfAnotherProcessFillTheLimitUntilTheyEnd() {
        List<String> busy = shop.bulkOperations().occupy(5, Duration.ofSeconds(30));
        assertEquals(5, busy.size());
        JsonNode refused = api.run(IDS);
        assertEquals(BulkCaptures.IN_PROGRESS_PREFIX + String.join(", ", busy) + ".",
                refused.path("userErrors").get(0).path("message").asText());
        assertEquals("RUNNING", api.poll(busy.get(0)).path("status").asText());

        clock.advance(Duration.ofSeconds(30));
        assertEquals("COMPLETED", api.poll(busy.get(0)).path("status").asText());
        assertEquals("0", api.poll(busy.get(0)).path("objectCount").asText());
        api.start(IDS);
        assertEquals(1, shop.bulkOperations().started());
        assertEquals(6, shop.bulkOperations().all().size());
    }

    @Test
    void bulkOperationsListsByStatusAndCreationTime() {
        String done = api.start(IDS);
        clock.advance(Duration.ofSeconds(10));
        List<String> running = shop.bulkOperations().occupy(2, Duration.ofMinutes(5));
        shop.bulkOperations().timing(Duration.ofMinutes(1), 10);
        String created = api.start(IDS);

        assertEquals(running, ids("status:running"));
        assertEquals(running, ids("status:RUNNING"));
        assertEquals(List.of(done), ids("status:completed AND created_at:>=2000-01-01"));
        assertEquals(List.of(), ids("created_at:<2000-01-01"));
        assertEquals(List.of(created), ids("status:created"));
        assertEquals(List.of(done, running.get(0), running.get(1), created), ids(null));

        SimulatorClient.Reply reply = api.post("query($q: String) { bulkOperations(first: 1, query: $q,"
                + " reverse: true) { nodes { id status type createdAt } } }", Collections.singletonMap("q",
                        null));
        assertEquals(created, reply.data().path("bulkOperations").path("nodes").get(0).path("id").asText());
        assertEquals(3, reply.cost().path("requestedQueryCost").asInt());
    }

    private List<String> ids(String query) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("q", query);
        JsonNode nodes = api.post("query($q: String) { bulkOperations(first: 50, query: $q) { nodes { id } } }",
                variables).data().path("bulkOperations").path("nodes");
        List<String> ids = new ArrayList<>();
        nodes.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }
}
