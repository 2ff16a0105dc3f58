package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Collections through the API: the big collection paged fully, sort keys, search with the index lag, deletions. */
class CollectionQueryTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final String PAGE = CustomerQueryTest.valid("query($after: String, $query: String,"
            + " $sortKey: CollectionSortKeys, $reverse: Boolean) { collections(first: 7, after: $after,"
            + " query: $query, sortKey: $sortKey, reverse: $reverse) { nodes { id title updatedAt }"
            + " pageInfo { hasNextPage endCursor } } }");
    static final String MEMBERS = CustomerQueryTest.valid("query($id: ID!, $after: String) { collection(id: $id) {"
            + " id productsCount { count precision } products(first: 250, after: $after) {"
            + " edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }");
    static final String FIELDS = CustomerQueryTest.valid("query($id: ID!) { collection(id: $id) { id"
            + " legacyResourceId title handle descriptionHtml sortOrder templateSuffix updatedAt"
            + " ruleSet { appliedDisjunctively rules { column relation condition } }"
            + " productsCount { count precision } products(first: 3) { nodes { id title } } } }");
    static final String COUNT = CustomerQueryTest.valid(
            "query($query: String) { collectionsCount(query: $query) { count precision } }");

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(BASE);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock)
                .withIndexLag(Duration.ofSeconds(5)));
        shop = simulator.addShop("sets.myshopify.com", "t", ShopPlan.ENTERPRISE,
                new CatalogSpec(14, 2_600, BASE, 0).withCollections(40));
        client = new SimulatorClient(simulator.baseUrl("sets.myshopify.com"), "t", "2026-10");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private List<JsonNode> walk(String query, String sortKey, boolean reverse) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        for (int pages = 1;; pages++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            variables.put("query", query);
            variables.put("sortKey", sortKey);
            variables.put("reverse", reverse);
            SimulatorClient.Reply reply = client.post(PAGE, variables);
            assertFalse(reply.body().has("errors"), reply.body().toString());
            JsonNode collections = reply.data().path("collections");
            collections.path("nodes").forEach(nodes::add);
            assertTrue(pages < 100, "runaway pagination");
            if (!collections.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = collections.path("pageInfo").path("endCursor").asText();
        }
    }

    private List<Long> members(CollectionTruth collection) {
        List<Long> ids = new ArrayList<>();
        String after = null;
        for (int pages = 1;; pages++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", collection.gid());
            variables.put("after", after);
            SimulatorClient.Reply reply = client.post(MEMBERS, variables);
            assertFalse(reply.body().has("errors"), reply.body().toString());
            JsonNode c = reply.data().path("collection");
            assertEquals(collection.productIds().size(), c.path("productsCount").path("count").asInt());
            assertEquals("EXACT", c.path("productsCount").path("precision").asText());
            c.path("products").path("edges").forEach(e -> ids.add(CustomerQueryTest.idOf(e.path("node"))));
            assertTrue(pages < 100, "runaway pagination");
            if (!c.path("products").path("pageInfo").path("hasNextPage").asBoolean()) {
                return ids;
            }
            after = c.path("products").path("pageInfo").path("endCursor").asText();
        }
    }

    private static List<Long> ids(List<JsonNode> nodes) {
        return nodes.stream().map(CustomerQueryTest::idOf).toList();
    }

    @Test
    void theBigCollectionPagesEveryMemberOnceInCollectionOrder() {
        CollectionTruth big = shop.collections().get(0);
        assertTrue(big.productIds().size() > 2_500);
        List<Long> paged = members(big);
        assertEquals(big.productIds(), paged);
        assertEquals(paged.size(), new HashSet<>(paged).size());
        // Costs go through the usual machinery: a full page of 250 members is charged for what came back.
        long charged = shop.counters().snapshot().actualCostCharged();
        assertTrue(charged > 0);
        SimulatorClient.Reply page = client.post(MEMBERS, Map.of("id", big.gid()));
        JsonNode cost = page.cost();
        assertTrue(cost.path("actualQueryCost").asInt() > 2, cost.toString());
        assertTrue(cost.path("actualQueryCost").asInt() <= cost.path("requestedQueryCost").asInt(), cost.toString());
        assertEquals(charged + cost.path("actualQueryCost").asInt(), shop.counters().snapshot().actualCostCharged());
    }

    @Test
    void aCursorSurvivesMembersLeavingBeforeIt() {
        CollectionTruth big = shop.collections().get(0);
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", big.gid());
        variables.put("after", null);
        JsonNode first = client.post(MEMBERS, variables).data().path("collection").path("products");
        shop.deleteProducts(300, BASE);
        CollectionTruth now = shop.collections().get(0);
        assertTrue(now.productIds().size() < big.productIds().size(), "deleted products left the collection");
        long last = CustomerQueryTest.idOf(first.path("edges").get(249).path("node"));
        variables.put("after", first.path("pageInfo").path("endCursor").asText());
        JsonNode second = client.post(MEMBERS, variables).data().path("collection").path("products");
        int resume = now.productIds().indexOf(last) + 1;
        assertTrue(resume > 0);
        assertEquals(now.productIds().get(resume), CustomerQueryTest.idOf(second.path("edges").get(0).path("node")));
    }

    @Test
    void collectionFieldsMatchTheTruth() {
        CollectionTruth smart = shop.collections().stream().filter(CollectionTruth::smart).findFirst().orElseThrow();
        CollectionTruth custom = shop.collections().stream().filter(c -> !c.smart()).findFirst().orElseThrow();
        JsonNode node = client.post(FIELDS, Map.of("id", smart.gid())).data().path("collection");
        assertEquals(String.valueOf(smart.id()), node.path("legacyResourceId").asText());
        assertEquals(smart.title(), node.path("title").asText());
        assertEquals(smart.handle(), node.path("handle").asText());
        assertEquals(smart.sortOrder(), node.path("sortOrder").asText());
        assertEquals(ShopGraph.iso(smart.updatedAt()), node.path("updatedAt").asText());
        assertTrue(node.path("ruleSet").path("rules").size() > 0);
        assertFalse(node.path("ruleSet").path("rules").get(0).path("column").asText().isEmpty());
        assertEquals(smart.productIds().size(), node.path("productsCount").path("count").asInt());
        JsonNode customNode = client.post(FIELDS, Map.of("id", custom.gid())).data().path("collection");
        assertTrue(customNode.path("ruleSet").isNull());
        assertEquals(Math.min(3, custom.productIds().size()), customNode.path("products").path("nodes").size());
        assertEquals(40, client.post(COUNT, new HashMap<>()).data().path("collectionsCount").path("count").asInt());
    }

    @Test
    void sortKeysOrderTheListing() {
        List<CollectionTruth> all = shop.collections();
        assertEquals(all.stream().map(CollectionTruth::id).toList(), ids(walk(null, null, false)));
        List<Long> byUpdate = all.stream().sorted(Comparator.comparing(CollectionTruth::updatedAt)
                .thenComparingLong(CollectionTruth::id)).map(CollectionTruth::id).toList();
        assertEquals(byUpdate, ids(walk(null, "UPDATED_AT", false)));
        List<Long> reversed = new ArrayList<>(byUpdate);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ids(walk(null, "UPDATED_AT", true)));
        assertEquals(all.size(), walk(null, "TITLE", false).size());
    }

    @Test
    void updatedAtWindowsSeeEditsAfterTheIndexLagAndDeletionsAtOnce() {
        Instant now = clock.instant();
        List<Long> edited = shop.editCollections(12, now.minusSeconds(2));
        List<Long> deleted = shop.deleteCollections(3, now.minusSeconds(1));
        String window = "updated_at:>='" + ShopGraph.iso(now.minus(Duration.ofMinutes(10))) + "'";
        assertEquals(List.of(), walk(window, "UPDATED_AT", false), "2 s old edits are not searchable yet");
        clock.advance(Duration.ofSeconds(3));
        Set<Long> expected = new HashSet<>(edited);
        expected.removeAll(deleted);
        List<JsonNode> seen = walk(window, "UPDATED_AT", false);
        assertEquals(expected, new HashSet<>(ids(seen)));
        seen.forEach(n -> assertEquals(ShopGraph.iso(now.minusSeconds(2)), n.path("updatedAt").asText()));
        assertEquals(expected.size(), client.post(COUNT, Map.of("query", window)).data().path("collectionsCount")
                .path("count").asInt());
        // An older window, the whole history up to the edits, holds everything still live.
        String history = "updated_at:<='" + ShopGraph.iso(now) + "'";
        assertEquals(shop.collections().size(), walk(history, "UPDATED_AT", false).size());
        deleted.forEach(id -> assertTrue(client.post(FIELDS, Map.of("id", CollectionTruth.gidOf(id))).data()
                .path("collection").isNull()));
    }

    @Test
    void deletedProductsLeaveTheirCollections() {
        CollectionTruth before = shop.collections().get(1);
        List<Long> deleted = shop.deleteProducts(1_300, BASE);
        CollectionTruth after = shop.collections().get(1);
        assertEquals(before.updatedAt(), after.updatedAt());
        List<Long> expected = before.productIds().stream().filter(id -> !deleted.contains(id)).toList();
        assertEquals(expected, after.productIds());
        assertEquals(expected, members(after));
        assertEquals(shop.collections().get(0).productIds(), members(shop.collections().get(0)));
    }
}
