package dev.shopsync.shopify.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.simulator.AdminSchema;
import dev.shopsync.simulator.QueryCostCalculator;

/**
 * The text-only estimate against the simulator's schema-aware calculator, for the project's real documents: never
 * below it, and equal to it except for value objects only the schema knows are free. In our documents that is
 * {@code selectedOptions} ({@code SelectedOption}, free on Shopify), charged 1 per variant here.
 */
class SchemaAwareUpperBoundTest {

    private static final int[] PAGE_SIZES = { 1, 10, 50, 100, 250 };
    private static final int[] VARIANT_PAGE_SIZES = { 1, 50, 100, 250 };

    private static QueryCostCalculator schemaAware;
    private final RequestedCostEstimator estimator = new RequestedCostEstimator();
    private final GraphQlDocuments documents = new GraphQlDocuments();

    @BeforeAll
    static void loadSchema() {
        schemaAware = new QueryCostCalculator(AdminSchema.load(null));
    }

    static Stream<Arguments> productsPageSizes() {
        List<Arguments> sizes = new ArrayList<>();
        for (int first : PAGE_SIZES) {
            for (int variantsFirst : VARIANT_PAGE_SIZES) {
                sizes.add(Arguments.of(first, variantsFirst));
            }
        }
        return sizes.stream();
    }

    @ParameterizedTest(name = "first {0}, variantsFirst {1}")
    @MethodSource("productsPageSizes")
    void productsPageIsAnUpperBoundThatOnlyOverchargesSelectedOptions(int first, int variantsFirst) {
        String text = documents.get("ProductsPage").text();
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        variables.put("variantsFirst", variantsFirst);
        variables.put("after", null);
        variables.put("query", "updated_at:>='2026-01-01T00:00:00Z'");

        int estimate = estimator.estimate(text, variables, "ProductsPage");
        int exact = schemaAware.requestedCost(text, variables, "ProductsPage");
        assertTrue(estimate >= exact, estimate + " < " + exact);
        // One point per variant node of every product node: each connection multiplies by its log factor.
        assertEquals(sizeFactor(first) * sizeFactor(variantsFirst), estimate - exact);

        String withoutValueObjects = withoutSelectedOptions(text);
        assertEquals(schemaAware.requestedCost(withoutValueObjects, variables, "ProductsPage"),
                estimator.estimate(withoutValueObjects, variables, "ProductsPage"));
    }

    @ParameterizedTest(name = "first {0}")
    @ValueSource(ints = { 1, 10, 50, 100, 250 })
    void productVariantsPageIsAnUpperBoundThatOnlyOverchargesSelectedOptions(int first) {
        String text = documents.get("ProductVariantsPage").text();
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", "gid://shopify/Product/1");
        variables.put("first", first);
        variables.put("after", null);

        int estimate = estimator.estimate(text, variables, "ProductVariantsPage");
        int exact = schemaAware.requestedCost(text, variables, "ProductVariantsPage");
        assertTrue(estimate >= exact, estimate + " < " + exact);
        assertEquals(sizeFactor(first), estimate - exact);

        String withoutValueObjects = withoutSelectedOptions(text);
        assertEquals(schemaAware.requestedCost(withoutValueObjects, variables, "ProductVariantsPage"),
                estimator.estimate(withoutValueObjects, variables, "ProductVariantsPage"));
    }

    @Test
    void productsCountCostsOneEitherWay() {
        // Count is a free value object; the estimate charges it 1, which is also the 1-point floor.
        String text = documents.get("ProductsCount").text();
        Map<String, Object> noFilter = new HashMap<>();
        noFilter.put("query", null);
        for (Map<String, Object> variables : List.of(noFilter, Map.<String, Object>of("query", "status:active"))) {
            assertEquals(1, schemaAware.requestedCost(text, variables, "ProductsCount"));
            assertEquals(1, estimator.estimate(text, variables, "ProductsCount"));
        }
    }

    @Test
    void largestPagesStayUnderShopifysCeiling() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", 250);
        variables.put("variantsFirst", 250);
        int estimate = estimator.estimate(documents.get("ProductsPage").text(), variables, "ProductsPage");
        // 2 + 11 * (1 + options 1 + media (2 + 4 * (1 + preview 1 + image 1))
        //             + variants (2 + 11 * (1 + selectedOptions 1)))
        assertEquals(442, estimate);
        assertTrue(estimate <= 1000);
    }

    static Stream<Arguments> schemaFreeDocuments() {
        return Stream.of(
                Arguments.of("aliases, edges and last",
                        "query Q { recent: products(first: 50, sortKey: UPDATED_AT) { edges { cursor node { id"
                                + " variants(first: 10) { edges { node { id inventoryItem { id tracked } } } } } } }"
                                + " oldest: products(last: 5) { nodes { id } } }",
                        Map.of()),
                Arguments.of("nodes(ids:) over two types",
                        "query Q($ids: [ID!]!) { nodes(ids: $ids) { id ... on Product { title variants(first: 5) {"
                                + " nodes { id } } } ... on Collection {"
                                + " products(first: 10) { edges { node { id } } } } } }",
                        Map.of("ids", List.of("gid://shopify/Product/1", "gid://shopify/Collection/2",
                                "gid://shopify/Product/3"))),
                Arguments.of("fragments with @include",
                        "query Q($first: Int!, $withVariants: Boolean!) { products(first: $first) { nodes { ...P } } }"
                                + " fragment P on Product { id variants(first: 20) @include(if: $withVariants) {"
                                + " nodes { ...V } } } fragment V on ProductVariant { id inventoryItem { id } }",
                        Map.of("first", 100, "withVariants", true)),
                Arguments.of("interface nodes inside a connection",
                        "{ product(id: \"gid://shopify/Product/1\") { ... on Product { id media(first: 5) { nodes {"
                                + " ... on MediaImage { image { url } } ... on Video { sources { url } } } } } } }",
                        Map.of()),
                Arguments.of("variable default",
                        "query Q($n: Int = 30) { productVariants(first: $n) { nodes { id product { id } } } }",
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFreeDocuments")
    void withoutFreeValueObjectsTheEstimateIsExact(String description, String query, Map<String, Object> variables) {
        assertEquals(List.of(), AdminSchema.validate(query), "the comparison needs a valid document");
        assertEquals(schemaAware.requestedCost(query, variables, null), estimator.estimate(query, variables, null));
    }

    @Test
    void aMutationIsPricedAboveTheFixedTenWhenItsPayloadHasObjects() {
        String mutation = "mutation { productUpdate(product: {id: \"gid://shopify/Product/1\", title: \"x\"}) {"
                + " product { id } userErrors { field message } } }";
        assertEquals(List.of(), AdminSchema.validate(mutation));
        // The simulator charges the documented 10; the estimate adds the payload (2 objects) because Shopify's
        // documentation does not say it is excluded.
        assertEquals(10, schemaAware.requestedCost(mutation, Map.of(), null));
        assertEquals(12, estimator.estimate(mutation, Map.of(), null));
    }

    @Test
    void aPagedPlainListIsPricedAboveTheSchemaAwareObjectCost() {
        String query = "{ order(id: \"gid://shopify/Order/1\") { fulfillments(first: 1) { createdAt"
                + " trackingInfo(first: 1) { number } } } }";
        assertEquals(List.of(), AdminSchema.validate(query));
        // The schema knows these are lists (1 + 1 + 1); the text cannot tell them from connections.
        assertEquals(3, schemaAware.requestedCost(query, Map.of(), null));
        assertEquals(7, estimator.estimate(query, Map.of(), null));
    }

    private static String withoutSelectedOptions(String text) {
        String stripped = text.replaceAll("selectedOptions\\s*\\{[^}]*}", "");
        assertTrue(!stripped.equals(text) || !text.contains("selectedOptions"));
        return stripped;
    }

    private static int sizeFactor(int n) {
        return (int) Math.floor(2 * Math.log(Math.max(2, n)));
    }
}
