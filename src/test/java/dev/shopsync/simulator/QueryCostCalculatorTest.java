package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

class QueryCostCalculatorTest {

    private static QueryCostCalculator costs;

    @BeforeAll
    static void loadSchema() {
        costs = new QueryCostCalculator(AdminSchema.load(SimulatorOptions.DEFAULT_SCHEMA_FILE));
    }

    static List<Map<String, Object>> costCases() throws IOException {
        try (InputStream in = QueryCostCalculatorTest.class.getResourceAsStream("/shopify/graphql/cost-cases.json")) {
            return SimulatorClient.JSON.readValue(in, new TypeReference<>() {
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reproducesTheRealRequestedCostsExactly() throws IOException {
        List<Integer> computed = new ArrayList<>();
        for (Map<String, Object> realCase : costCases()) {
            int requested = costs.requestedCost((String) realCase.get("query"),
                    (Map<String, Object>) realCase.get("variables"), null);
            assertEquals(realCase.get("requestedQueryCost"), requested, (String) realCase.get("source"));
            computed.add(requested);
        }
        assertEquals(List.of(442, 310, 25), computed);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNullProductCostsOneActualPoint() throws IOException {
        Map<String, Object> nullProduct = costCases().get(2);
        Map<String, Object> data = new HashMap<>();
        data.put("product", null);
        assertEquals(1, costs.actualCost((String) nullProduct.get("query"),
                (Map<String, Object>) nullProduct.get("variables"), null, data));
    }

    @Test
    void connectionsScaleLogarithmically() {
        assertEquals(1, QueryCostCalculator.sizeFactor(1));
        assertEquals(5, QueryCostCalculator.sizeFactor(20));
        assertEquals(9, QueryCostCalculator.sizeFactor(100));
        assertEquals(11, QueryCostCalculator.sizeFactor(250));
        // 250 scalar-only nodes: 2 + 11 * 1, pageInfo free.
        assertEquals(13, costs.requestedCost("{ products(first: 250) { nodes { id title } pageInfo { hasNextPage } } }",
                Map.of(), null));
        // nodes and edges.node select the same nodes: merged (2 + 11 * (1 + 3)), not added (2 + 11 * (1 + 6)).
        assertEquals(46, costs.requestedCost("{ products(first: 250) { nodes { id variants(first: 1) { nodes { id } } }"
                + " edges { cursor node { variants(first: 1) { nodes { id } } } } } }", Map.of(), null));
    }

    @Test
    void unclearCasesFollowTheDocumentedRules() {
        // A single object costs 1; value objects (Count, money) are free, but no query costs less than 1;
        // a connection without first/last costs 2.
        assertEquals(1, costs.requestedCost("{ shop { name currencyCode } }", Map.of(), null));
        assertEquals(1, costs.requestedCost("{ productsCount { count precision } }", Map.of(), null));
        assertEquals(1, costs.requestedCost("{ productsCount { count } shop { id } }", Map.of(), null));
        assertEquals(1, costs.requestedCost("{ productVariant(id: \"gid://shopify/ProductVariant/1\") { price"
                + " selectedOptions { name value } } }", Map.of(), null));
        assertEquals(2, costs.requestedCost("{ products { nodes { id } } }", Map.of(), null));
        // Interface: the most expensive possible type; the variant fragment adds its product object.
        assertEquals(2, costs.requestedCost("query($id: ID!) { node(id: $id) { id ... on Product { title }"
                + " ... on ProductVariant { product { id } } } }", Map.of("id", "x"), null));
        // nodes(ids:) is sized by the ids like a connection: 2 + floor(2 ln 3) * (1 + 0).
        assertEquals(4, costs.requestedCost("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", List.of("a", "b", "c")), null));
        assertEquals(10, costs.requestedCost("mutation { productDelete(input: {id: \"gid://shopify/Product/1\"}) {"
                + " deletedProductId } }", Map.of(), null));
    }

    @Test
    void actualCostFollowsWhatWasReturnedAndNeverExceedsRequested() {
        String query = "{ products(first: 250) { nodes { id variants(first: 250) { nodes { id } } } } }";
        int requested = costs.requestedCost(query, Map.of(), null);
        assertEquals(2 + 11 * (1 + 13), requested);

        List<Object> products = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<Object> variants = new ArrayList<>();
            for (int v = 0; v < (i == 0 ? 3 : 1); v++) {
                variants.add(Map.of("id", "v" + v));
            }
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("id", "p" + i);
            product.put("variants", Map.of("nodes", variants));
            products.add(product);
        }
        Map<String, Object> data = Map.of("products", Map.of("nodes", products));
        // 20 products (factor 5), the largest has 3 variants: 2 + 2 * (1 + 0) = 4 → 2 + 5 * (1 + 4).
        assertEquals(27, costs.actualCost(query, Map.of(), null, data));
        assertTrue(costs.actualCost(query, Map.of(), null, data) <= requested);
        assertEquals(2, costs.actualCost(query, Map.of(), null, Map.of("products", Map.of("nodes", List.of()))));
    }

    @Test
    void variablesDefaultsAndSkippedFieldsCount() {
        assertEquals(2 + 9 * 1, costs.requestedCost("query($n: Int = 100) { products(first: $n) { nodes { id } } }",
                Map.of(), null));
        assertEquals(1, costs.requestedCost("query($skip: Boolean!) { shop { id }"
                + " products(first: 10) @skip(if: $skip) { nodes { id } } }", Map.of("skip", true), null));
        assertEquals(1, costs.requestedCost("query A { shop { id } } query B { products(first: 1) { nodes { id } } }",
                Map.of(), "A"));
    }
}
