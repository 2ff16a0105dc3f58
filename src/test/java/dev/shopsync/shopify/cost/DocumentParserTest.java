package dev.shopsync.shopify.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Parser edge cases, seen through what they do to the price and through the errors they raise. */
class DocumentParserTest {

    private final RequestedCostEstimator estimator = new RequestedCostEstimator();

    @Test
    void aliasesAreSeparateFieldsAndARepeatedKeyIsMergedOnce() {
        // (2 + 1 * 1) + (2 + 11 * 1)
        assertEquals(16, cost("{ small: products(first: 1) { nodes { id } }"
                + " big: products(first: 250) { nodes { id } } }"));
        // Same response key twice: GraphQL merges it into one field, 2 + 4 * (1 + 0).
        assertEquals(6, cost("{ products(first: 10) { nodes { id } } products(first: 10) { nodes { title } } }"));
        Selection.Field field = (Selection.Field) DocumentParser.parse("{ small: products(first: 1) { nodes { id } } }")
                .operation(null).selections().get(0);
        assertEquals("small", field.alias());
        assertEquals("products", field.name());
    }

    @Test
    void blockStringsInArgumentsMayHoldBracesQuotesAndHashes() {
        String query = """
                query Search {
                  products(first: 20, query: \"""
                      title:"{ not a selection }" AND tag:'#not-a-comment' \\\""" still inside
                      ) }
                  \""") {
                    nodes { id }
                  }
                }
                """;
        assertEquals(7, estimator.estimate(query, Map.of(), "Search"));
        Selection.Field products = (Selection.Field) DocumentParser.parse(query).operation("Search")
                .selections().get(0);
        assertEquals(new Value.Literal(
                "title:\"{ not a selection }\" AND tag:'#not-a-comment' \"\"\" still inside\n) }"),
                products.arguments().get("query"));
    }

    @Test
    void commentsAreIgnoredButAHashInsideAStringIsNot() {
        String query = """
                # products(first: 250) { nodes { id } } would cost 13 if it were not a comment
                query Commented { # trailing comment {
                  products(first: 1, query: "tag:#sale") { # another }
                    nodes { id } # }
                  }
                }
                """;
        assertEquals(3, estimator.estimate(query, Map.of(), "Commented"));
    }

    @Test
    void skipAndIncludeAreEvaluatedAgainstTheVariables() {
        String query = "query V($withVariants: Boolean!, $skipMedia: Boolean = false) { products(first: 1) { nodes {"
                + " variants(first: 250) @include(if: $withVariants) { nodes { id } }"
                + " media(first: 250) @skip(if: $skipMedia) { nodes { id } } } } }";
        // 2 + 1 * (1 + 13 + 13), then without variants, then without both.
        assertEquals(29, estimator.estimate(query, Map.of("withVariants", true), "V"));
        assertEquals(16, estimator.estimate(query, Map.of("withVariants", false), "V"));
        assertEquals(3, estimator.estimate(query, Map.of("withVariants", false, "skipMedia", true), "V"));
        // Literal conditions and fragments carry directives too.
        assertEquals(1, cost("{ shop { name } products(first: 1) @skip(if: true) { nodes { id } }"
                + " ... @include(if: false) { orders(first: 250) { nodes { id } } } }"));
    }

    @Test
    void anUnknownConditionKeepsTheSelectionSoTheEstimateStaysAnUpperBound() {
        assertEquals(13, cost("query($x: Boolean) { products(first: 250) @include(if: $x) { nodes { id } } }"));
    }

    @Test
    void nestedFragmentsArePricedAtEveryLevel() {
        String query = """
                query Nested { products(first: 10) { nodes { ...ProductFields } } }
                fragment ProductFields on Product { id ...ProductVariants }
                fragment ProductVariants on Product { variants(first: 10) { nodes { ...VariantBits } } }
                fragment VariantBits on ProductVariant { id inventoryItem { id } }
                """;
        // 2 + 4 * (1 + (2 + 4 * (1 + 1)))
        assertEquals(2 + 4 * (1 + 2 + 4 * 2), estimator.estimate(query, Map.of(), "Nested"));
    }

    @Test
    void inlineFragmentsOnTwoTypesCostTheMoreExpensiveOnePlusTheSharedFields() {
        String query = """
                { node(id: "gid://shopify/Product/1") {
                    id
                    ... on Product { variants(first: 250) { nodes { id } } }
                    ... on Collection { products(first: 10) { nodes { id } } image { url } }
                    ...Events
                } }
                fragment Events on HasEvents { events(first: 1) { nodes { id } } }
                """;
        // 1 + max(Product 13, Collection 6 + 1, HasEvents 3)
        assertEquals(14, cost(query));
        // Fields outside the fragments add to every alternative: 1 + (1 + max(13, 7)).
        assertEquals(15, cost(query.replace("    id\n",
                "    id\n    publication: resourcePublicationOnCurrentPublication { isPublished }\n")));
    }

    @Test
    void nodesWithIdsTakesTheLengthOfAListVariable() {
        String query = """
                query Batch($ids: [ID!]!) {
                  nodes(ids: $ids) { ... on ProductVariant { id inventoryItem { id } } }
                }
                """;
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "gid://shopify/ProductVariant/" + i).toList();
        // 2 + 9 * (1 + 1)
        assertEquals(20, estimator.estimate(query, Map.of("ids", hundred), "Batch"));
        assertEquals(2 + 1 * 2, estimator.estimate(query, Map.of("ids", List.of("one")), "Batch"));
    }

    @Test
    void anUnknownOperationNameIsAClearError() {
        QueryDocumentException error = assertThrows(QueryDocumentException.class,
                () -> estimator.estimate("query ProductsPage { shop { id } } query ProductsCount { shop { id } }",
                        Map.of(), "ProductPage"));
        assertEquals("No operation named \"ProductPage\" in the document; it defines: ProductsPage, ProductsCount",
                error.getMessage());
        assertInstanceOf(IllegalArgumentException.class, error);
    }

    @Test
    void severalOperationsWithoutANameAreAmbiguous() {
        QueryDocumentException error = assertThrows(QueryDocumentException.class,
                () -> cost("query A { shop { id } } { shop { name } }"));
        assertTrue(error.getMessage().contains("2 operations (A, (anonymous))"), error.getMessage());
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() {
        String query = """
                query Broken {
                  products(first: 10) {
                    nodes { id title: }
                  }
                }
                """;
        QueryDocumentException error = assertThrows(QueryDocumentException.class, () -> cost(query));
        assertEquals("Syntax error at line 3, column 23: expected a name but found '}'", error.getMessage());
    }

    @Test
    void lexicalErrorsAreLocatedToo() {
        assertEquals("Syntax error at line 2, column 19: unterminated string",
                assertThrows(QueryDocumentException.class,
                        () -> cost("{\n  products(query: \"open\n) { nodes { id } } }")).getMessage());
        assertEquals("Syntax error at line 1, column 20: invalid number, unexpected digit after 0",
                assertThrows(QueryDocumentException.class,
                        () -> cost("{ products(first: 01) { nodes { id } } }")).getMessage());
        assertEquals("Syntax error at line 1, column 3: unexpected character '%'",
                assertThrows(QueryDocumentException.class, () -> cost("{ %shop }")).getMessage());
        assertEquals("Syntax error at line 1, column 17: expected '}' but found end of document",
                assertThrows(QueryDocumentException.class, () -> cost("{ shop { name } ")).getMessage());
    }

    @Test
    void aMissingOrCyclicFragmentIsAClearError() {
        QueryDocumentException missing = assertThrows(QueryDocumentException.class,
                () -> cost("query P { products(first: 1) { nodes { ...VariantFields } } }"));
        assertTrue(missing.getMessage().startsWith("Fragment \"VariantFields\" is spread but not defined"),
                missing.getMessage());
        QueryDocumentException cycle = assertThrows(QueryDocumentException.class,
                () -> cost("{ shop { ...A } } fragment A on Shop { ...B } fragment B on Shop { name ...A }"));
        assertEquals("Fragment \"A\" spreads itself: A -> B -> A", cycle.getMessage());
    }

    @Test
    void onlyExecutableDefinitionsAreAccepted() {
        QueryDocumentException error = assertThrows(QueryDocumentException.class,
                () -> cost("type Product { id: ID! }"));
        assertTrue(error.getMessage().contains("line 1, column 1")
                && error.getMessage().contains("type system definitions"), error.getMessage());
        assertThrows(QueryDocumentException.class, () -> cost("   # only a comment\n"));
        assertThrows(QueryDocumentException.class, () -> cost("fragment F on Shop { name }"));
        assertThrows(QueryDocumentException.class, () -> estimator.estimate(null, Map.of(), null));
    }

    @Test
    void variableDefinitionsWithListTypesDefaultsAndDirectivesParse() {
        String query = "query Q($ids: [ID!]! = [\"a\", \"b\"],"
                + " $filter: ProductFilter = {tags: [\"x\"], price: {min: 1.5e2}}, $n: Int = 5 @deprecated)"
                + " @operationDirective { nodes(ids: $ids) { id } products(first: $n) { nodes { id } } }";
        // nodes: 2 + 1 * 1, products: 2 + 3 * 1
        assertEquals(3 + 5, estimator.estimate(query, new HashMap<>(), "Q"));
        QueryDocumentException error = assertThrows(QueryDocumentException.class,
                () -> cost("query Q($n: Int = $m) { shop { id } }"));
        assertTrue(error.getMessage().contains("a variable is not allowed here"), error.getMessage());
    }

    @Test
    void subscriptionsAreRefused() {
        assertThrows(QueryDocumentException.class, () -> cost("subscription { shop { id } }"));
    }

    private int cost(String query) {
        return estimator.estimate(query, Map.of(), null);
    }
}
