package dev.shopsync.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.shopsync.simulator.AdminSchema;
import dev.shopsync.simulator.QueryCostCalculator;
import graphql.GraphQLError;

/**
 * Every operation the client sends is valid against Shopify's real 2026-10 schema, and its requested cost at
 * the largest page sizes we allow stays under Shopify's 1,000-point ceiling.
 */
class QueryDocumentsTest {

    private final GraphQlDocuments documents = new GraphQlDocuments();

    @Test
    void everyOperationValidatesAgainstTheRealSchema() throws Exception {
        List<String> operations = operations();
        assertEquals(List.of("BulkOperationById", "BulkOperationRunQuery", "CollectionIds", "CollectionProductsPage",
                "CollectionsBulk", "CollectionsByIds", "CollectionsOldest", "CollectionsPage", "CustomerAddressesPage",
                "CustomerIds", "CustomersBulk", "CustomersByIds", "CustomersOldest", "CustomersPage", "DestroyEvents",
                "FulfillmentLineItemsPage", "InventoryItemIds", "InventoryItemsBulk", "InventoryItemsByIds",
                "InventoryItemsPage", "InventoryLevelsPage", "LocationIds", "LocationsByIds", "LocationsPage",
                "OrderDiscountApplicationsPage", "OrderIds", "OrderLineItemsPage", "OrderShippingLinesPage",
                "OrdersBulk", "OrdersByIds", "OrdersOldest", "OrdersPage", "ProductIds", "ProductMediaPage",
                "ProductVariantsPage", "ProductsBulk", "ProductsByIds", "ProductsCount", "ProductsOldest",
                "ProductsPage", "RecentBulkOperations", "RefundLineItemsPage", "ShopProbe"), operations);
        // the index the priming before a SnapStart snapshot reads lists exactly these
        assertEquals(operations, documents.operations().stream().sorted().toList());
        for (String operation : operations) {
            List<GraphQLError> errors = AdminSchema.validate(documents.get(operation).text());
            assertTrue(errors.isEmpty(), operation + ": " + errors);
        }
    }

    @Test
    void requestedCostsStayUnderTheCeilingAtMaximumPageSizes() {
        QueryCostCalculator costs = new QueryCostCalculator(AdminSchema.load(null));
        Map<String, Object> page = new HashMap<>();
        page.put("first", 250);
        page.put("variantsFirst", 250);
        page.put("after", null);
        page.put("query", null);
        int productsPage = costs.requestedCost(documents.get("ProductsPage").text(), page, "ProductsPage");
        assertTrue(productsPage <= 1000, "ProductsPage costs " + productsPage);

        Map<String, Object> variants = new HashMap<>();
        variants.put("id", "gid://shopify/Product/1");
        variants.put("first", 250);
        variants.put("after", null);
        int variantsPage = costs.requestedCost(documents.get("ProductVariantsPage").text(), variants,
                "ProductVariantsPage");
        assertTrue(variantsPage <= 1000, "ProductVariantsPage costs " + variantsPage);

        Map<String, Object> ids = new HashMap<>();
        ids.put("first", 250);
        ids.put("after", null);
        assertEquals(13, costs.requestedCost(documents.get("ProductIds").text(), ids, "ProductIds"),
                "reconciliation reads 250 ids for 13 points");
        ids.put("query", "subject_type:ORDER AND action:destroy");
        assertEquals(13, costs.requestedCost(documents.get("DestroyEvents").text(), ids, "DestroyEvents"),
                "the event log gives 250 destroyed ids for 13 points");

        Map<String, Object> byIds = new HashMap<>();
        byIds.put("ids", java.util.Collections.nCopies(250, "gid://shopify/Product/1"));
        byIds.put("variantsFirst", 250);
        int byIdsCost = costs.requestedCost(documents.get("ProductsByIds").text(), byIds, "ProductsByIds");
        assertTrue(byIdsCost <= 1000, "ProductsByIds costs " + byIdsCost);
    }

    @Test
    void everyOperationStaysUnderTheCeilingAtItsLargestVariables() throws Exception {
        QueryCostCalculator costs = new QueryCostCalculator(AdminSchema.load(null));
        for (String operation : operations()) {
            if (operation.endsWith("Bulk")) {
                // bulk queries run inside bulkOperationRunQuery: not cost-limited, and they have no operation name
                continue;
            }
            Map<String, Object> largest = new HashMap<>();
            for (String variable : List.of("first", "variantsFirst", "addressesFirst", "productsFirst", "levelsFirst",
                    "lineItemsFirst")) {
                largest.put(variable, 250);
            }
            largest.put("ids", java.util.Collections.nCopies(250, "gid://shopify/Product/1"));
            largest.put("id", "gid://shopify/Product/1");
            largest.put("after", null);
            largest.put("query", null);
            int requested = costs.requestedCost(documents.get(operation).text(), largest, operation);
            System.out.println("requested cost at the largest variables: " + operation + " " + requested);
            assertTrue(requested <= 1000, operation + " costs " + requested + " at its largest");
        }
    }

    private static List<String> operations() throws IOException, URISyntaxException {
        Path folder = Path.of(Thread.currentThread().getContextClassLoader()
                .getResource(GraphQlDocuments.LOCATION).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".graphql"))
                    .map(n -> n.substring(0, n.length() - ".graphql".length()))
                    // fragments are validated as part of the operations that spread them
                    .filter(n -> !n.endsWith("Fields"))
                    .sorted()
                    .toList();
        }
    }
}
