package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Orders through the API: a large order's line items paged fully, windows by updated_at, nested children, edits. */
class OrderQueryTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final String LINES = CustomerQueryTest.valid("query($id: ID!, $after: String) { order(id: $id) { id"
            + " lineItems(first: 250, after: $after) { nodes { id title sku quantity variant { id } product { id }"
            + " originalUnitPriceSet { shopMoney { amount } } } pageInfo { hasNextPage endCursor } } } }");
    static final String PAGE = CustomerQueryTest.valid("query($after: String, $query: String, $sortKey: OrderSortKeys,"
            + " $reverse: Boolean) { orders(first: 50, after: $after, query: $query, sortKey: $sortKey,"
            + " reverse: $reverse) { nodes { id name updatedAt } pageInfo { hasNextPage endCursor } } }");
    static final String FIELDS = CustomerQueryTest.valid("query($id: ID!) { order(id: $id) { id legacyResourceId name"
            + " email createdAt updatedAt closedAt cancelledAt currencyCode displayFinancialStatus"
            + " displayFulfillmentStatus totalPriceSet { shopMoney { amount currencyCode } } customer { id }"
            + " shippingLines(first: 5) { nodes { id title originalPriceSet { shopMoney { amount } } } }"
            + " taxLines { title rate priceSet { shopMoney { amount } } }"
            + " discountApplications(first: 5) { nodes { __typename index allocationMethod targetType"
            + " value { __typename ... on MoneyV2 { amount } ... on PricingPercentageValue { percentage } } } }"
            + " transactions(first: 10) { id kind status amountSet { shopMoney { amount } } createdAt } } }");
    static final String CHILDREN = CustomerQueryTest.valid("query($id: ID!, $refundAfter: String,"
            + " $fulfillmentAfter: String) { order(id: $id) { refunds(first: 5) { id createdAt note"
            + " refundLineItems(first: 1, after: $refundAfter) { nodes { id quantity lineItem { id }"
            + " subtotalSet { shopMoney { amount } } } pageInfo { hasNextPage endCursor } } }"
            + " fulfillments(first: 5) { id status createdAt location { id }"
            + " fulfillmentLineItems(first: 1, after: $fulfillmentAfter) { nodes { id quantity lineItem { id } }"
            + " pageInfo { hasNextPage endCursor } } } } }");
    static final String NODES = CustomerQueryTest.valid("query($ids: [ID!]!) { nodes(ids: $ids) { __typename"
            + " ... on Order { id name updatedAt } } }");
    static final String COUNT = CustomerQueryTest.valid(
            "query($query: String) { ordersCount(query: $query) { count precision } }");

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(BASE);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock)
                .withIndexLag(Duration.ofSeconds(5)));
        shop = simulator.addShop("orders.myshopify.com", "t", ShopPlan.ENTERPRISE,
                new CatalogSpec(31, 300, BASE, 0).withCustomers(80).withLocations(3).withOrders(700));
        client = new SimulatorClient(simulator.baseUrl("orders.myshopify.com"), "t", "2026-10");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private JsonNode post(String query, Map<String, Object> variables) {
        SimulatorClient.Reply reply = client.post(query, variables);
        assertFalse(reply.body().has("errors"), reply.body().toString());
        return reply.data();
    }

    private List<JsonNode> walk(String query, String sortKey) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        for (int pages = 1;; pages++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            variables.put("query", query);
            variables.put("sortKey", sortKey);
            variables.put("reverse", false);
            JsonNode orders = post(PAGE, variables).path("orders");
            orders.path("nodes").forEach(nodes::add);
            assertTrue(pages < 100, "runaway pagination");
            if (!orders.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = orders.path("pageInfo").path("endCursor").asText();
        }
    }

    private static List<Long> ids(List<JsonNode> nodes) {
        return nodes.stream().map(CustomerQueryTest::idOf).toList();
    }

    @Test
    void aLargeOrderPagesEveryLineItemOnceInOrder() {
        OrderTruth large = shop.orders().get(0);
        assertTrue(large.lineItems().size() > 250, "order #0 is large");
        List<JsonNode> lines = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", large.gid());
            variables.put("after", after);
            JsonNode connection = post(LINES, variables).path("order").path("lineItems");
            connection.path("nodes").forEach(lines::add);
            after = connection.path("pageInfo").path("hasNextPage").asBoolean()
                    ? connection.path("pageInfo").path("endCursor").asText() : null;
            pages++;
        } while (after != null && pages < 10);
        assertEquals(large.lineItems().size() > 500 ? 3 : 2, pages);
        assertEquals(large.lineItems().stream().map(LineItemTruth::id).toList(), ids(lines));
        for (int i = 0; i < lines.size(); i++) {
            LineItemTruth truth = large.lineItems().get(i);
            JsonNode node = lines.get(i);
            assertEquals(truth.title(), node.path("title").asText());
            assertEquals(truth.sku(), node.path("sku").isNull() ? null : node.path("sku").asText());
            assertEquals(truth.quantity(), node.path("quantity").asInt());
            assertEquals(VariantTruth.gidOf(truth.variantId()), node.path("variant").path("id").asText());
            assertEquals(ProductTruth.gidOf(truth.productId()), node.path("product").path("id").asText());
            assertEquals(truth.price(), node.path("originalUnitPriceSet").path("shopMoney").path("amount").asText());
        }
        long charged = shop.counters().snapshot().actualCostCharged();
        assertTrue(charged > 0);
        SimulatorClient.Reply page = client.post(LINES, Map.of("id", large.gid()));
        JsonNode cost = page.cost();
        assertTrue(cost.path("actualQueryCost").asInt() > 2, cost.toString());
        assertTrue(cost.path("actualQueryCost").asInt() <= cost.path("requestedQueryCost").asInt(), cost.toString());
        assertEquals(charged + cost.path("actualQueryCost").asInt(), shop.counters().snapshot().actualCostCharged());
    }

    @Test
    void ordersWalkByUpdatedAtInAWindow() {
        List<OrderTruth> all = shop.orders();
        List<Instant> times = all.stream().map(OrderTruth::updatedAt).sorted().toList();
        Instant from = times.get(times.size() / 4);
        Instant to = times.get(times.size() / 2);
        String window = "updated_at:>='" + ShopGraph.iso(from) + "' AND updated_at:<='" + ShopGraph.iso(to) + "'";
        List<Long> expected = all.stream().filter(o -> !o.updatedAt().isBefore(from) && !o.updatedAt().isAfter(to))
                .sorted(Comparator.comparing(OrderTruth::updatedAt).thenComparing(OrderTruth::id))
                .map(OrderTruth::id).toList();
        assertTrue(expected.size() > 100);
        List<JsonNode> walked = walk(window, "UPDATED_AT");
        assertEquals(expected, ids(walked));
        assertEquals(expected.size(), post(COUNT, Map.of("query", window)).path("ordersCount").path("count").asInt());
        // Unfiltered, by id: every order once.
        assertEquals(all.stream().map(OrderTruth::id).toList(), ids(walk(null, "ID")));
        List<Long> byCreation = all.stream().sorted(Comparator.comparing(OrderTruth::createdAt)
                .thenComparing(OrderTruth::id)).map(OrderTruth::id).toList();
        assertEquals(byCreation, ids(walk(null, "CREATED_AT")));
        assertEquals(byCreation, ids(walk(null, "PROCESSED_AT")));
    }

    @Test
    void orderFieldsMatchTheTruth() {
        OrderTruth withExtras = shop.orders().stream().filter(o -> !o.discountApplications().isEmpty()
                && !o.taxLines().isEmpty() && !o.shippingLines().isEmpty() && o.customerId() != null)
                .findFirst().orElseThrow();
        JsonNode node = post(FIELDS, Map.of("id", withExtras.gid())).path("order");
        assertEquals(String.valueOf(withExtras.id()), node.path("legacyResourceId").asText());
        assertEquals(withExtras.name(), node.path("name").asText());
        assertEquals(withExtras.email(), node.path("email").asText());
        assertEquals(ShopGraph.iso(withExtras.updatedAt()), node.path("updatedAt").asText());
        assertEquals(withExtras.displayFinancialStatus(), node.path("displayFinancialStatus").asText());
        assertEquals(withExtras.displayFulfillmentStatus(), node.path("displayFulfillmentStatus").asText());
        assertEquals(withExtras.totalPrice(), node.path("totalPriceSet").path("shopMoney").path("amount").asText());
        assertEquals("USD", node.path("totalPriceSet").path("shopMoney").path("currencyCode").asText());
        assertEquals(CustomerTruth.gidOf(withExtras.customerId()), node.path("customer").path("id").asText());
        assertEquals(withExtras.shippingLines().size(), node.path("shippingLines").path("nodes").size());
        assertEquals(withExtras.shippingLines().get(0).price(), node.path("shippingLines").path("nodes").get(0)
                .path("originalPriceSet").path("shopMoney").path("amount").asText());
        assertEquals(withExtras.taxLines().size(), node.path("taxLines").size());
        assertEquals(new BigDecimal(withExtras.taxLines().get(0).rate()).doubleValue(),
                node.path("taxLines").get(0).path("rate").asDouble());
        JsonNode discounts = node.path("discountApplications").path("nodes");
        assertEquals(withExtras.discountApplications().size(), discounts.size());
        for (int i = 0; i < discounts.size(); i++) {
            DiscountApplicationTruth d = withExtras.discountApplications().get(i);
            JsonNode n = discounts.get(i);
            assertEquals("ManualDiscountApplication", n.path("__typename").asText());
            assertEquals(d.index(), n.path("index").asInt());
            assertEquals(d.allocationMethod(), n.path("allocationMethod").asText());
            assertEquals(d.targetType(), n.path("targetType").asText());
            if (d.isPercentage()) {
                assertEquals("PricingPercentageValue", n.path("value").path("__typename").asText());
                assertEquals(d.value(), n.path("value").path("percentage").asDouble() + "%");
            } else {
                assertEquals("MoneyV2", n.path("value").path("__typename").asText());
                assertEquals(d.value(), n.path("value").path("amount").asText());
            }
        }
        JsonNode transactions = node.path("transactions");
        assertEquals(withExtras.transactions().size(), transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            TransactionTruth t = withExtras.transactions().get(i);
            assertEquals(t.gid(), transactions.get(i).path("id").asText());
            assertEquals(t.kind(), transactions.get(i).path("kind").asText());
            assertEquals(t.status(), transactions.get(i).path("status").asText());
            assertEquals(t.amount(), transactions.get(i).path("amountSet").path("shopMoney").path("amount").asText());
        }
    }

    @Test
    void refundAndFulfillmentLineItemsPageInsideTheirParents() {
        OrderTruth order = shop.orders().stream().filter(o -> o.refunds().stream().anyMatch(r -> r.lineItems()
                .size() > 1) && o.fulfillments().stream().anyMatch(f -> f.lineItems().size() > 1))
                .findFirst().orElseGet(() -> {
                    // Edits add refunds and fulfillments until one order has both with several line items.
                    for (int round = 0; round < 50; round++) {
                        shop.editOrders(100, BASE);
                    }
                    return shop.orders().stream().filter(o -> o.refunds().stream().anyMatch(r -> r.lineItems()
                            .size() > 1) && o.fulfillments().stream().anyMatch(f -> f.lineItems().size() > 1))
                            .findFirst().orElseThrow();
                });
        Map<Long, List<Long>> refundLines = new HashMap<>();
        Map<Long, List<Long>> fulfillmentLines = new HashMap<>();
        String refundAfter = null;
        String fulfillmentAfter = null;
        // The same cursor is handed to every refund (and fulfillment): walk the one with the most line items.
        RefundTruth refund = order.refunds().stream().max(Comparator.comparingInt(r -> r.lineItems().size()))
                .orElseThrow();
        FulfillmentTruth fulfillment = order.fulfillments().stream()
                .max(Comparator.comparingInt(f -> f.lineItems().size())).orElseThrow();
        boolean refundDone = false;
        boolean fulfillmentDone = false;
        for (int page = 0; page < 700 && !(refundDone && fulfillmentDone); page++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", order.gid());
            variables.put("refundAfter", refundAfter);
            variables.put("fulfillmentAfter", fulfillmentAfter);
            JsonNode node = post(CHILDREN, variables).path("order");
            assertEquals(order.refunds().size(), node.path("refunds").size());
            assertEquals(order.fulfillments().size(), node.path("fulfillments").size());
            for (JsonNode r : node.path("refunds")) {
                if (!refundDone && r.path("id").asText().equals(refund.gid())) {
                    JsonNode items = r.path("refundLineItems");
                    items.path("nodes").forEach(i -> refundLines.computeIfAbsent(refund.id(), k -> new ArrayList<>())
                            .add(CustomerQueryTest.idOf(i)));
                    refundAfter = items.path("pageInfo").path("endCursor").asText();
                    refundDone = !items.path("pageInfo").path("hasNextPage").asBoolean();
                }
            }
            for (JsonNode f : node.path("fulfillments")) {
                if (!fulfillmentDone && f.path("id").asText().equals(fulfillment.gid())) {
                    assertEquals(fulfillment.status(), f.path("status").asText());
                    assertEquals(LocationTruth.gidOf(fulfillment.locationId()), f.path("location").path("id")
                            .asText());
                    JsonNode items = f.path("fulfillmentLineItems");
                    items.path("nodes").forEach(i -> fulfillmentLines.computeIfAbsent(fulfillment.id(),
                            k -> new ArrayList<>()).add(CustomerQueryTest.idOf(i)));
                    fulfillmentAfter = items.path("pageInfo").path("endCursor").asText();
                    fulfillmentDone = !items.path("pageInfo").path("hasNextPage").asBoolean();
                }
            }
        }
        assertEquals(refund.lineItems().stream().map(RefundLineItemTruth::id).toList(), refundLines.get(refund.id()));
        assertEquals(fulfillment.lineItems().stream().map(FulfillmentLineItemTruth::id).toList(),
                fulfillmentLines.get(fulfillment.id()));
        // Children name the line items they cover.
        JsonNode first = post(CHILDREN, Map.of("id", order.gid())).path("order");
        JsonNode refundItem = first.path("refunds").get(0).path("refundLineItems").path("nodes").get(0);
        RefundLineItemTruth truth = order.refunds().get(0).lineItems().get(0);
        assertEquals(LineItemTruth.gidOf(truth.lineItemId()), refundItem.path("lineItem").path("id").asText());
        assertEquals(truth.quantity(), refundItem.path("quantity").asInt());
        assertEquals(truth.subtotal(), refundItem.path("subtotalSet").path("shopMoney").path("amount").asText());
    }

    @Test
    void editsAndDeletionsReachFilteredQueriesAfterTheIndexLag() {
        clock.advance(Duration.ofMinutes(1));
        Instant at = clock.instant();
        List<Long> edited = shop.editOrders(25, at);
        String since = "updated_at:>='" + ShopGraph.iso(at) + "'";
        assertEquals(List.of(), ids(walk(since, "UPDATED_AT")), "not indexed yet");
        assertEquals(0, post(COUNT, Map.of("query", since)).path("ordersCount").path("count").asInt());
        clock.advance(Duration.ofSeconds(6));
        assertEquals(edited, ids(walk(since, "UPDATED_AT")));
        assertEquals(25, post(COUNT, Map.of("query", since)).path("ordersCount").path("count").asInt());
        for (Long id : edited) {
            assertEquals(at, shop.order(id).updatedAt());
        }

        List<Long> deleted = shop.deleteOrders(5, clock.instant());
        List<String> gids = new ArrayList<>();
        deleted.forEach(id -> gids.add(OrderTruth.gidOf(id)));
        long live = shop.orders().get(0).id();
        gids.add(OrderTruth.gidOf(live));
        JsonNode nodes = post(NODES, Map.of("ids", gids)).path("nodes");
        assertEquals(6, nodes.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(nodes.get(i).isNull(), "deleted orders are gone");
        }
        assertEquals("Order", nodes.get(5).path("__typename").asText());
        assertEquals(shop.order(live).name(), nodes.get(5).path("name").asText());
        assertEquals(695, post(COUNT, Map.of()).path("ordersCount").path("count").asInt());
        assertEquals(695, new HashSet<>(ids(walk(null, "UPDATED_AT"))).size());
        assertFalse(ids(walk(since, "UPDATED_AT")).stream().anyMatch(deleted::contains));
    }
}
