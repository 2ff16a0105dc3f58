package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Inventory items and levels through the API: full walks, quantities, adjustments with the index lag, nodes. */
class InventoryQueryTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final String PAGE = CustomerQueryTest.valid("query($after: String, $query: String) {"
            + " inventoryItems(first: 100, after: $after, query: $query) { nodes { id sku tracked updatedAt"
            + " variant { id } inventoryLevels(first: 10) { nodes { id updatedAt location { id }"
            + " quantities(names: [\"available\", \"on_hand\"]) { name quantity } } pageInfo { hasNextPage } } }"
            + " pageInfo { hasNextPage endCursor } } }");
    static final String ITEM = CustomerQueryTest.valid("query($id: ID!, $location: ID!) { inventoryItem(id: $id) {"
            + " id legacyResourceId sku tracked createdAt updatedAt variant { id sku inventoryItem { id } }"
            + " inventoryLevel(locationId: $location) { id item { id }"
            + " quantities(names: [\"incoming\", \"committed\", \"on_hand\", \"available\"]) { name quantity } }"
            + " inventoryLevels(first: 1) { edges { cursor node { location { id } } } pageInfo { hasNextPage } } } }");
    static final String NODES = CustomerQueryTest.valid("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id"
            + " ... on Collection { title } ... on InventoryItem { sku }"
            + " ... on InventoryLevel { location { id } quantities(names: [\"available\"]) { quantity } } } }");

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(BASE);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock)
                .withIndexLag(Duration.ofSeconds(5)));
        shop = simulator.addShop("stock.myshopify.com", "t", ShopPlan.ENTERPRISE,
                new CatalogSpec(31, 60, BASE, 0).withLocations(5).withCollections(4));
        client = new SimulatorClient(simulator.baseUrl("stock.myshopify.com"), "t", "2026-10");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private List<JsonNode> walk(String query) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        for (int pages = 1;; pages++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            variables.put("query", query);
            SimulatorClient.Reply reply = client.post(PAGE, variables);
            assertFalse(reply.body().has("errors"), reply.body().toString());
            JsonNode items = reply.data().path("inventoryItems");
            items.path("nodes").forEach(nodes::add);
            assertTrue(pages < 100, "runaway pagination");
            if (!items.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = items.path("pageInfo").path("endCursor").asText();
        }
    }

    @Test
    void everyItemAtEveryLocationWithTheQuantitiesAskedFor() {
        List<JsonNode> items = walk(null);
        long variants = shop.products().stream().mapToLong(p -> p.variants().size()).sum();
        assertEquals(variants, items.size());
        assertEquals(shop.inventoryItems().stream().map(InventoryItemTruth::id).toList(),
                items.stream().map(CustomerQueryTest::idOf).toList());
        long levels = 0;
        Map<Long, InventoryItemTruth> truth = new HashMap<>();
        shop.inventoryItems().forEach(i -> truth.put(i.id(), i));
        for (JsonNode item : items) {
            InventoryItemTruth expected = truth.get(CustomerQueryTest.idOf(item));
            assertEquals(VariantTruth.gidOf(expected.variantId()), item.path("variant").path("id").asText());
            assertEquals(expected.tracked(), item.path("tracked").asBoolean());
            JsonNode nodes = item.path("inventoryLevels").path("nodes");
            levels += nodes.size();
            for (int i = 0; i < nodes.size(); i++) {
                InventoryLevelTruth level = expected.levels().get(i);
                JsonNode node = nodes.get(i);
                assertEquals(level.gid(), node.path("id").asText());
                assertEquals(LocationTruth.gidOf(level.locationId()), node.path("location").path("id").asText());
                JsonNode quantities = node.path("quantities");
                assertEquals(2, quantities.size());
                assertEquals("available", quantities.get(0).path("name").asText());
                assertEquals(level.available(), quantities.get(0).path("quantity").asInt());
                assertEquals("on_hand", quantities.get(1).path("name").asText());
                assertEquals(level.onHand(), quantities.get(1).path("quantity").asInt());
            }
        }
        assertEquals(variants * 5, levels);
    }

    @Test
    void itemFieldsLevelByLocationAndTheVariantLinkBack() {
        InventoryItemTruth item = shop.inventoryItems().get(7);
        InventoryLevelTruth level = item.levels().get(2);
        JsonNode node = client.post(ITEM, Map.of("id", item.gid(), "location",
                LocationTruth.gidOf(level.locationId()))).data().path("inventoryItem");
        assertEquals(String.valueOf(item.id()), node.path("legacyResourceId").asText());
        assertEquals(ShopGraph.iso(item.createdAt()), node.path("createdAt").asText());
        assertEquals(ShopGraph.iso(item.updatedAt()), node.path("updatedAt").asText());
        assertEquals(item.gid(), node.path("variant").path("inventoryItem").path("id").asText());
        assertEquals(item.sku() == null ? "" : item.sku(), node.path("variant").path("sku").asText(""));
        JsonNode levelNode = node.path("inventoryLevel");
        assertEquals(level.gid(), levelNode.path("id").asText());
        assertEquals(item.gid(), levelNode.path("item").path("id").asText());
        List<String> names = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        levelNode.path("quantities").forEach(q -> {
            names.add(q.path("name").asText());
            quantities.add(q.path("quantity").asInt());
        });
        assertEquals(List.of("incoming", "committed", "on_hand", "available"), names);
        assertEquals(List.of(level.incoming(), level.committed(), level.onHand(), level.available()), quantities);
        assertTrue(node.path("inventoryLevels").path("pageInfo").path("hasNextPage").asBoolean());
        assertEquals(LocationTruth.gidOf(item.levels().get(0).locationId()), node.path("inventoryLevels")
                .path("edges").get(0).path("node").path("location").path("id").asText());
    }

    @Test
    void adjustmentsShowInTruthAndInFilteredWalksAfterTheIndexLag() {
        Instant now = clock.instant();
        List<Long> adjusted = shop.adjustInventory(9, now.minusSeconds(2));
        Map<Long, InventoryItemTruth> truth = new HashMap<>();
        shop.inventoryItems().forEach(i -> truth.put(i.id(), i));
        adjusted.forEach(id -> assertEquals(now.minusSeconds(2), truth.get(id).updatedAt()));
        String window = "updated_at:>='" + ShopGraph.iso(now.minus(Duration.ofMinutes(10))) + "'";
        assertEquals(List.of(), walk(window), "2 s old adjustments are not searchable yet");
        clock.advance(Duration.ofSeconds(3));
        List<JsonNode> seen = walk(window);
        assertEquals(new HashSet<>(adjusted), new HashSet<>(seen.stream().map(CustomerQueryTest::idOf).toList()));
        for (JsonNode item : seen) {
            InventoryItemTruth expected = truth.get(CustomerQueryTest.idOf(item));
            JsonNode levels = item.path("inventoryLevels").path("nodes");
            for (int i = 0; i < levels.size(); i++) {
                assertEquals(expected.levels().get(i).available(), levels.get(i).path("quantities").get(0)
                        .path("quantity").asInt());
                assertEquals(ShopGraph.iso(expected.levels().get(i).updatedAt()), levels.get(i).path("updatedAt")
                        .asText());
            }
        }
    }

    @Test
    void nodesResolveCollectionsItemsAndLevels() {
        CollectionTruth collection = shop.collections().get(1);
        InventoryItemTruth item = shop.inventoryItems().get(3);
        InventoryLevelTruth level = item.levels().get(4);
        List<String> ids = List.of(collection.gid(), item.gid(), level.gid(),
                InventoryLevelTruth.gidOf(level.locationId(), 1L), "gid://shopify/Collection/1");
        JsonNode nodes = client.post(NODES, Map.of("ids", ids)).data().path("nodes");
        assertEquals(5, nodes.size());
        assertEquals("Collection", nodes.get(0).path("__typename").asText());
        assertEquals(collection.title(), nodes.get(0).path("title").asText());
        assertEquals("InventoryItem", nodes.get(1).path("__typename").asText());
        assertEquals(item.sku() == null ? "" : item.sku(), nodes.get(1).path("sku").asText(""));
        assertEquals("InventoryLevel", nodes.get(2).path("__typename").asText());
        assertEquals(level.gid(), nodes.get(2).path("id").asText());
        assertEquals(LocationTruth.gidOf(level.locationId()), nodes.get(2).path("location").path("id").asText());
        assertEquals(level.available(), nodes.get(2).path("quantities").get(0).path("quantity").asInt());
        assertTrue(nodes.get(3).isNull());
        assertTrue(nodes.get(4).isNull());
        String single = CustomerQueryTest.valid("query($id: ID!) { inventoryLevel(id: $id) { id updatedAt } }");
        assertEquals(level.gid(), client.post(single, Map.of("id", level.gid())).data().path("inventoryLevel")
                .path("id").asText());
    }

    @Test
    void deletedVariantsLoseTheirItemsAndShopsWithoutLocationsHaveNone() {
        List<Long> deleted = shop.deleteProducts(10, BASE);
        Set<Long> gone = new HashSet<>();
        shop.deletions().keySet().forEach(id -> {
            assertTrue(deleted.contains(id));
        });
        shop.inventoryItems().forEach(i -> gone.add(i.variantId()));
        assertEquals(shop.products().stream().mapToLong(p -> p.variants().size()).sum(), gone.size());
        assertEquals(gone.size(), walk(null).size());

        SimulatedShop bare = simulator.addShop("bare.myshopify.com", "t", ShopPlan.PLUS,
                new CatalogSpec(31, 10, BASE, 0));
        SimulatorClient bareClient = new SimulatorClient(simulator.baseUrl("bare.myshopify.com"), "t", "2026-10");
        assertTrue(bare.inventoryItems().isEmpty());
        JsonNode page = bareClient.post(PAGE, new HashMap<>()).data().path("inventoryItems");
        assertEquals(0, page.path("nodes").size());
        // Variants still name an item, as they did before inventory was modelled.
        String variantItem = CustomerQueryTest.valid("query($id: ID!) { productVariant(id: $id) {"
                + " inventoryItem { id tracked } } }");
        VariantTruth v = bare.products().get(0).variants().get(0);
        assertEquals(InventoryItemTruth.gidOf(InventoryGenerator.itemIdOf(v.id())), bareClient.post(variantItem,
                Map.of("id", v.gid())).data().path("productVariant").path("inventoryItem").path("id").asText());
    }
}
