package dev.shopsync.shopify.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The pricing rules, one behaviour per test, and the three costs Shopify really returned. */
class RequestedCostEstimatorTest {

    private final RequestedCostEstimator estimator = new RequestedCostEstimator();

    @Test
    @SuppressWarnings("unchecked")
    void reproducesTheThreeRealRequestedCostsExactly() throws IOException {
        List<Map<String, Object>> cases;
        try (InputStream in = getClass().getResourceAsStream("/shopify/graphql/cost-cases.json")) {
            cases = new ObjectMapper().readValue(in, new TypeReference<>() {
            });
        }
        List<Integer> estimated = new ArrayList<>();
        for (Map<String, Object> realCase : cases) {
            int cost = estimator.estimate((String) realCase.get("query"),
                    (Map<String, Object>) realCase.get("variables"), null);
            assertEquals(realCase.get("requestedQueryCost"), cost, (String) realCase.get("source"));
            estimated.add(cost);
        }
        assertEquals(List.of(442, 310, 25), estimated);
    }

    @Test
    void scalarsAndPageInfoAreFreeAndAConnectionScalesWithTheLogOfItsSize() {
        // 250 scalar-only nodes: 2 + 11 * (1 + 0).
        assertEquals(13, cost("{ products(first: 250) { nodes { id title tags }"
                + " pageInfo { hasNextPage endCursor } } }"));
        assertEquals(3, cost("{ products(first: 1) { nodes { id } } }"));
        assertEquals(7, cost("{ products(first: 20) { nodes { id } } }"));
        assertEquals(11, cost("{ products(last: 100) { nodes { id } } }"));
        // first 0 is priced as 2, like Shopify's max(2, n).
        assertEquals(3, cost("{ products(first: 0) { nodes { id } } }"));
    }

    @Test
    void nestedConnectionsMultiplyByTheLogFactor() {
        // 2 + 11 * (1 + (2 + 9 * (1 + 1))): the inner node has one object.
        assertEquals(2 + 11 * (1 + 2 + 9 * 2), cost("{ products(first: 250) { nodes { id variants(first: 100) {"
                + " nodes { id inventoryItem { id } } } } } }"));
    }

    @Test
    void anObjectCostsOnePlusItsSelection() {
        assertEquals(1, cost("{ shop { name } }"));
        assertEquals(4, cost("{ product(id: \"gid://shopify/Product/1\") { id"
                + " featuredMedia { preview { image { url } } } } }"));
    }

    @Test
    void nodesAndEdgesSelectTheSameNodesSoTheyMergeRatherThanAdd() {
        // 2 + 11 * (1 + 3): the variants connection is selected twice under one key, once in each shape.
        assertEquals(46, cost("{ products(first: 250) { nodes { id variants(first: 1) { nodes { id } } }"
                + " edges { cursor node { variants(first: 1) { nodes { id } } } } } }"));
        // Different keys select different things, so they add: 2 + 11 * (1 + 3 + 3).
        assertEquals(79, cost("{ products(first: 250) { nodes { a: variants(first: 1) { nodes { id } } }"
                + " edges { node { b: variants(first: 1) { nodes { id } } } } } }"));
    }

    @Test
    void theVariableDefaultSizesAConnectionOnlyWhenTheVariableIsAbsent() {
        String query = "query Page($n: Int = 20) { products(first: $n) { nodes { id } } }";
        assertEquals(7, estimator.estimate(query, Map.of(), "Page"));
        assertEquals(11, estimator.estimate(query, Map.of("n", 100), "Page"));
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("n", null);
        assertEquals(13, estimator.estimate(query, explicitNull, "Page"), "null overrides the default: unknown, 250");
    }

    @Test
    void anUndeterminableSizeIsPricedAtTheMaximumOf250() {
        String query = "query Page($n: Int) { products(first: $n) { nodes { id } } }";
        assertEquals(13, estimator.estimate(query, Map.of(), "Page"));
        assertEquals(13, estimator.estimate(query, null, null));
        // Bidirectional paging sends the unused direction as null: the known one sizes the page.
        Map<String, Object> forward = new HashMap<>();
        forward.put("first", 20);
        forward.put("last", null);
        assertEquals(7, estimator.estimate("query($first: Int, $last: Int) { products(first: $first, last: $last)"
                + " { nodes { id } } }", forward, null));
    }

    @Test
    void aPagedPlainListPricesItsWholeSelectionAsTheNode() {
        // fulfillments(first:) and trackingInfo(first:) are lists, not connections: 1 + (2 + 1 * (1 + (2 + 1 * 1))).
        assertEquals(7, cost("{ order(id: \"gid://shopify/Order/1\") { fulfillments(first: 1) { createdAt"
                + " trackingInfo(first: 1) { number } } } }"));
    }

    @Test
    void rootNodesWithIdsIsPricedLikeAConnectionOfThatManyNodes() {
        String query = "query Batch($ids: [ID!]!) { nodes(ids: $ids) { id ... on Product { title } } }";
        assertEquals(2 + 2 * 1, estimator.estimate(query, Map.of("ids", List.of("a", "b", "c")), null));
        assertEquals(2 + 11 * 1, estimator.estimate(query, Map.of(), null), "unknown ids: 250");
        assertEquals(2 + 1 * 1, estimator.estimate(query, Map.of("ids", "gid://shopify/Product/1"), null),
                "a single id is coerced to a list of one");
        assertEquals(2 + 5 * 1, cost("{ nodes(ids: [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\","
                + "\"11\",\"12\",\"13\",\"14\",\"15\",\"16\",\"17\",\"18\",\"19\",\"20\"]) { id } }"));
    }

    @Test
    void aMutationFieldCostsTenPlusItsPayloadAsAnUpperBound() {
        assertEquals(12, cost("mutation { productUpdate(product: {id: \"gid://shopify/Product/1\", title: \"x\"}) {"
                + " product { id } userErrors { field message } } }"));
        assertEquals(11 + 11, cost("mutation { a: tagsAdd(id: \"1\", tags: [\"x\"]) { node { id } }"
                + " b: tagsRemove(id: \"1\", tags: [\"y\"]) { node { id } } }"));
    }

    @Test
    void noQueryCostsLessThanOnePoint() {
        assertEquals(1, cost("{ __typename }"));
        assertEquals(1, estimator.estimate("query($hide: Boolean!) { shop @skip(if: $hide) { name } }",
                Map.of("hide", true), null));
    }

    @Test
    void aRunawayEstimateSaturatesInsteadOfWrappingAround() {
        String inner = "id";
        for (int depth = 0; depth < 12; depth++) {
            inner = "products(first: 250) { nodes { " + inner + " } }";
        }
        assertEquals(Integer.MAX_VALUE, cost("{ " + inner + " }"));
    }

    private int cost(String query) {
        return estimator.estimate(query, Map.of(), null);
    }
}
