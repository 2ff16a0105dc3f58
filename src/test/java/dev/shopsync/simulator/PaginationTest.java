package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Walking connections: cursors, sort keys, search filters with Shopify's quirks, big variant lists, nodes. */
class PaginationTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final String PAGE = "query Page($after: String, $query: String, $sortKey: ProductSortKeys, $reverse: Boolean)"
            + " { products(first: 250, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {"
            + " edges { cursor node { id title updatedAt } } pageInfo { hasNextPage endCursor } } }";

    static MutableClock clock;
    static ShopifySimulator simulator;
    static SimulatedShop catalog;
    static SimulatorClient client;

    @BeforeAll
    static void start() {
        clock = new MutableClock(BASE);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock)
                .withIndexLag(Duration.ofSeconds(5)));
        // PLUS so a long walk never throttles; the catalog is only read here, except in the index-lag test's shop.
        catalog = simulator.addShop("walk.myshopify.com", "t", ShopPlan.PLUS, new CatalogSpec(21, 600, BASE, 0));
        client = new SimulatorClient(simulator.baseUrl("walk.myshopify.com"), "t", "2026-10");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /** Every node of a filtered/sorted walk, in the order the server returned them. */
    static List<JsonNode> walk(SimulatorClient client, String query, String sortKey, boolean reverse) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            variables.put("query", query);
            variables.put("sortKey", sortKey);
            variables.put("reverse", reverse);
            JsonNode products = client.post(PAGE, variables).data().path("products");
            products.path("edges").forEach(edge -> nodes.add(edge.path("node")));
            assertTrue(++pages < 100, "runaway pagination");
            if (!products.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = products.path("pageInfo").path("endCursor").asText();
        }
    }

    static long idOf(JsonNode node) {
        String gid = node.path("id").asText();
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }

    @Test
    void aFullWalkReturnsEveryProductExactlyOnce() {
        List<JsonNode> nodes = walk(client, null, null, false);
        List<Long> ids = nodes.stream().map(PaginationTest::idOf).toList();
        assertEquals(catalog.products().stream().map(ProductTruth::id).toList(), ids);
        assertEquals(600, new HashSet<>(ids).size());
    }

    @Test
    void cursorsLookLikeShopifys() {
        JsonNode edge = client.post("{ products(first: 1) { edges { cursor } } }").data().path("products")
                .path("edges").get(0);
        String json = new String(Base64.getDecoder().decode(edge.path("cursor").asText()), StandardCharsets.UTF_8);
        long firstId = catalog.products().get(0).id();
        assertEquals("{\"last_id\":" + firstId + ",\"last_value\":\"" + firstId + "\"}", json);
    }

    @Test
    void updatedAtSortTieBreaksOnIdInBothDirections() {
        Comparator<ProductTruth> order = Comparator.comparing(ProductTruth::updatedAt)
                .thenComparingLong(ProductTruth::id);
        List<Long> expected = catalog.products().stream().sorted(order).map(ProductTruth::id).toList();
        assertEquals(expected, walk(client, null, "UPDATED_AT", false).stream().map(PaginationTest::idOf).toList());
        List<Long> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, walk(client, null, "UPDATED_AT", true).stream().map(PaginationTest::idOf).toList());
    }

    @Test
    void strictBoundsInAFilterAreInclusive() {
        ProductTruth pivot = catalog.products().stream().sorted(Comparator.comparing(ProductTruth::updatedAt))
                .toList().get(300);
        String at = ShopGraph.iso(pivot.updatedAt());
        List<Long> after = walk(client, "updated_at:>'" + at + "'", "UPDATED_AT", false).stream()
                .map(PaginationTest::idOf).toList();
        long atOrAfter = catalog.products().stream().filter(p -> !p.updatedAt().isBefore(pivot.updatedAt())).count();
        assertEquals(atOrAfter, after.size());
        assertTrue(after.contains(pivot.id()), "'>' includes the bound itself");
        List<Long> before = walk(client, "updated_at:<'" + at + "' AND updated_at:>=2024-01-01", "UPDATED_AT", false)
                .stream().map(PaginationTest::idOf).toList();
        assertTrue(before.contains(pivot.id()), "'<' includes the bound itself");
        assertEquals(catalog.products().size() + countAt(pivot.updatedAt()), after.size() + before.size());
    }

    private static long countAt(Instant updatedAt) {
        return catalog.products().stream().filter(p -> p.updatedAt().equals(updatedAt)).count();
    }

    @Test
    void theSearchIndexLagsFreshEdits() {
        SimulatedShop shop = simulator.addShop("lag.myshopify.com", "t", ShopPlan.PLUS, new CatalogSpec(5, 300, BASE,
                0));
        SimulatorClient lagClient = new SimulatorClient(simulator.baseUrl("lag.myshopify.com"), "t", "2026-10");
        Instant now = clock.instant();
        List<Long> edited = shop.editProducts(5, now.minusSeconds(2));
        String window = "updated_at:>='" + ShopGraph.iso(now.minus(Duration.ofMinutes(10))) + "'";

        Set<Long> found = new HashSet<>(walk(lagClient, window, "UPDATED_AT", false).stream()
                .map(PaginationTest::idOf).toList());
        assertTrue(found.isEmpty(), "edits 2 s old are not searchable with a 5 s lag: " + found);
        assertEquals(0, lagClient.post("{ productsCount(query: \"" + window.replace("'", "\\\"") + "\") { count } }")
                .data().path("productsCount").path("count").asInt());
        // Unfiltered listings and nodes read the truth.
        Set<Long> listed = new HashSet<>(walk(lagClient, null, "UPDATED_AT", false).stream()
                .map(PaginationTest::idOf).toList());
        assertTrue(listed.containsAll(edited));
        JsonNode node = lagClient.post("query($id: ID!) { node(id: $id) { ... on Product { title updatedAt } } }",
                Map.of("id", ProductTruth.gidOf(edited.get(0)))).data().path("node");
        assertEquals(shop.product(edited.get(0)).title(), node.path("title").asText());

        clock.advance(Duration.ofSeconds(3));
        Set<Long> later = new HashSet<>(walk(lagClient, window, "UPDATED_AT", false).stream()
                .map(PaginationTest::idOf).toList());
        assertEquals(new HashSet<>(edited), later);
        clock.set(BASE);
    }

    @Test
    void aProductWithMoreVariantsThanAPageIsPagedThroughItsVariants() {
        SimulatedShop big = simulator.addShop("big.myshopify.com", "t", ShopPlan.PLUS, new CatalogSpec(9, 4, BASE, 2));
        SimulatorClient bigClient = new SimulatorClient(simulator.baseUrl("big.myshopify.com"), "t", "2026-10");
        String query = "query($id: ID!, $after: String) { product(id: $id) { variantsCount { count }"
                + " variants(first: 250, after: $after) { nodes { id position } pageInfo { hasNextPage endCursor } } } }";
        int large = 0;
        for (ProductTruth product : big.products()) {
            List<Long> ids = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                Map<String, Object> variables = new HashMap<>();
                variables.put("id", product.gid());
                variables.put("after", after);
                JsonNode p = bigClient.post(query, variables).data().path("product");
                assertEquals(product.variants().size(), p.path("variantsCount").path("count").asInt());
                p.path("variants").path("nodes").forEach(n -> ids.add(idOf(n)));
                JsonNode pageInfo = p.path("variants").path("pageInfo");
                after = pageInfo.path("hasNextPage").asBoolean() ? pageInfo.path("endCursor").asText() : null;
                pages++;
            } while (after != null);
            assertEquals(product.variants().stream().map(VariantTruth::id).toList(), ids);
            if (product.variants().size() > 250) {
                large++;
                assertTrue(pages >= 2);
            }
        }
        assertEquals(2, large);
    }

    @Test
    void nodesResolvesMixedIdsInOrderWithNullsForUnknownOnes() {
        ProductTruth product = catalog.products().get(10);
        VariantTruth variant = catalog.products().get(20).variants().get(0);
        List<String> ids = List.of(product.gid(), variant.gid(), "gid://shopify/Product/1", "gid://shopify/Order/5");
        JsonNode nodes = client.post("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id"
                + " ... on Product { title legacyResourceId } ... on ProductVariant { sku price product { id } } } }",
                Map.of("ids", ids)).data().path("nodes");
        assertEquals(4, nodes.size());
        assertEquals("Product", nodes.get(0).path("__typename").asText());
        assertEquals(product.title(), nodes.get(0).path("title").asText());
        assertEquals(String.valueOf(product.id()), nodes.get(0).path("legacyResourceId").asText());
        assertEquals("ProductVariant", nodes.get(1).path("__typename").asText());
        assertEquals(variant.price(), nodes.get(1).path("price").asText());
        assertEquals(catalog.products().get(20).gid(), nodes.get(1).path("product").path("id").asText());
        assertTrue(nodes.get(2).isNull());
        assertTrue(nodes.get(3).isNull());
    }

    @Test
    void backwardPagingWithLastAndBefore() {
        List<Long> all = catalog.products().stream().map(ProductTruth::id).toList();
        JsonNode last = client.post("{ products(last: 10) { nodes { id } pageInfo { hasPreviousPage hasNextPage"
                + " startCursor } } }").data().path("products");
        List<Long> lastIds = new ArrayList<>();
        last.path("nodes").forEach(n -> lastIds.add(idOf(n)));
        assertEquals(all.subList(590, 600), lastIds);
        assertTrue(last.path("pageInfo").path("hasPreviousPage").asBoolean());
        assertFalse(last.path("pageInfo").path("hasNextPage").asBoolean());
        JsonNode before = client.post("query($b: String) { products(last: 10, before: $b) { nodes { id } } }",
                Map.of("b", last.path("pageInfo").path("startCursor").asText())).data().path("products");
        List<Long> beforeIds = new ArrayList<>();
        before.path("nodes").forEach(n -> beforeIds.add(idOf(n)));
        assertEquals(all.subList(580, 590), beforeIds);
    }

    @Test
    void variantFieldsAndTopLevelVariantsResolve() {
        ProductTruth product = catalog.products().stream().filter(p -> p.variants().size() > 3).findFirst()
                .orElseThrow();
        VariantTruth variant = product.variants().get(1);
        JsonNode v = client.post("query($id: ID!) { productVariant(id: $id) { id legacyResourceId title sku barcode"
                + " price compareAtPrice inventoryQuantity position createdAt updatedAt taxable availableForSale"
                + " selectedOptions { name value } product { id options { name position values } } } }",
                Map.of("id", variant.gid())).data().path("productVariant");
        assertEquals(variant.title(), v.path("title").asText());
        assertEquals(variant.position(), v.path("position").asInt());
        assertEquals(ShopGraph.iso(variant.updatedAt()), v.path("updatedAt").asText());
        assertEquals("Size", v.path("selectedOptions").get(0).path("name").asText());
        assertEquals(product.gid(), v.path("product").path("id").asText());
        assertEquals("Size", v.path("product").path("options").get(0).path("name").asText());

        long total = catalog.products().stream().mapToLong(p -> p.variants().size()).sum();
        JsonNode count = client.post("{ productsCount { count precision } }").data().path("productsCount");
        assertEquals(600, count.path("count").asInt());
        assertEquals("EXACT", count.path("precision").asText());
        JsonNode page = client.post("{ productVariants(first: 250) { nodes { id } pageInfo { hasNextPage } } }")
                .data().path("productVariants");
        assertEquals(Math.min(250, total), page.path("nodes").size());
    }
}
