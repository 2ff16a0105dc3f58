package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** Customers through the API: walks with windows, addresses, counts, nodes, and the merchant's edits and deletes. */
class CustomerQueryTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final String PAGE = valid("query Page($after: String, $query: String, $sortKey: CustomerSortKeys,"
            + " $reverse: Boolean) { customers(first: 250, after: $after, query: $query, sortKey: $sortKey,"
            + " reverse: $reverse) { edges { cursor node { id updatedAt } } pageInfo { hasNextPage endCursor } } }");
    static final String FIELDS = valid("query($id: ID!) { customer(id: $id) { id legacyResourceId firstName lastName"
            + " email phone defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } state verifiedEmail"
            + " tags numberOfOrders amountSpent { amount currencyCode } createdAt updatedAt"
            + " addresses(first: 2) { id city } defaultAddress { id firstName lastName company address1 address2 city"
            + " province provinceCode country countryCodeV2 zip phone } } }");
    static final String ADDRESSES = valid("query($id: ID!, $after: String) { customer(id: $id) {"
            + " addressesV2(first: 2, after: $after) { nodes { id zip } pageInfo { hasNextPage endCursor } } } }");
    static final String COUNT = valid("query($query: String) { customersCount(query: $query) { count precision } }");

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(BASE);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock)
                .withIndexLag(Duration.ofSeconds(5)));
        shop = simulator.addShop("people.myshopify.com", "t", ShopPlan.PLUS,
                new CatalogSpec(21, 50, BASE, 0).withCustomers(1_000).withLocations(10));
        client = new SimulatorClient(simulator.baseUrl("people.myshopify.com"), "t", "2026-10");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    static String valid(String query) {
        assertEquals(List.of(), AdminSchema.validate(query), query);
        return query;
    }

    static long idOf(JsonNode node) {
        String gid = node.path("id").asText();
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }

    private List<Long> walk(String query, String sortKey, boolean reverse) {
        List<Long> ids = new ArrayList<>();
        String after = null;
        for (int pages = 1;; pages++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            variables.put("query", query);
            variables.put("sortKey", sortKey);
            variables.put("reverse", reverse);
            SimulatorClient.Reply reply = client.post(PAGE, variables);
            assertFalse(reply.body().has("errors"), reply.body().toString());
            assertTrue(reply.cost().path("actualQueryCost").asInt() > 0);
            JsonNode customers = reply.data().path("customers");
            customers.path("edges").forEach(edge -> ids.add(idOf(edge.path("node"))));
            assertTrue(pages < 100, "runaway pagination");
            if (!customers.path("pageInfo").path("hasNextPage").asBoolean()) {
                return ids;
            }
            after = customers.path("pageInfo").path("endCursor").asText();
        }
    }

    private long count(String query) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("query", query);
        return client.post(COUNT, variables).data().path("customersCount").path("count").asLong();
    }

    @Test
    void aWindowedWalkByUpdatedAtReturnsEveryCustomerInTheWindowExactlyOnce() {
        List<CustomerTruth> byUpdate = shop.customers().stream()
                .sorted(Comparator.comparing(CustomerTruth::updatedAt).thenComparingLong(CustomerTruth::id)).toList();
        Instant from = byUpdate.get(200).updatedAt();
        Instant to = byUpdate.get(900).updatedAt();
        String window = "updated_at:>='" + ShopGraph.iso(from) + "' AND updated_at:<='" + ShopGraph.iso(to) + "'";
        List<Long> expected = byUpdate.stream()
                .filter(c -> !c.updatedAt().isBefore(from) && !c.updatedAt().isAfter(to))
                .map(CustomerTruth::id).toList();
        List<Long> walked = walk(window, "UPDATED_AT", false);
        assertEquals(expected, walked);
        assertEquals(walked.size(), new HashSet<>(walked).size());
        assertEquals(expected.size(), count(window));

        List<Long> all = walk(null, "UPDATED_AT", false);
        assertEquals(byUpdate.stream().map(CustomerTruth::id).toList(), all);
        assertEquals(1_000, count(null));
        List<Long> byName = walk(null, "NAME", false);
        assertEquals(shop.customers().stream().sorted(Comparator.comparing((CustomerTruth c) ->
                (c.firstName() + " " + c.lastName()).toLowerCase(java.util.Locale.ROOT))
                .thenComparingLong(CustomerTruth::id)).map(CustomerTruth::id).toList(), byName);
        List<Long> byId = walk(null, null, true);
        List<Long> descending = new ArrayList<>(shop.customers().stream().map(CustomerTruth::id).toList());
        java.util.Collections.reverse(descending);
        assertEquals(descending, byId);
    }

    @Test
    void customerFieldsMatchTheTruth() {
        CustomerTruth c = shop.customers().stream().filter(x -> x.addresses().size() >= 3 && x.phone() != null)
                .findFirst().orElseThrow();
        JsonNode node = client.post(FIELDS, Map.of("id", c.gid())).data().path("customer");
        assertEquals(c.gid(), node.path("id").asText());
        assertEquals(String.valueOf(c.id()), node.path("legacyResourceId").asText());
        assertEquals(c.email(), node.path("defaultEmailAddress").path("emailAddress").asText());
        assertEquals(c.phone(), node.path("defaultPhoneNumber").path("phoneNumber").asText());
        assertEquals(c.state(), node.path("state").asText());
        assertEquals(c.tags().size(), node.path("tags").size());
        assertEquals(String.valueOf(c.numberOfOrders()), node.path("numberOfOrders").asText());
        assertEquals(c.amountSpent(), node.path("amountSpent").path("amount").asText());
        assertEquals("USD", node.path("amountSpent").path("currencyCode").asText());
        assertEquals(ShopGraph.iso(c.updatedAt()), node.path("updatedAt").asText());
        assertEquals(2, node.path("addresses").size());
        AddressTruth first = c.addresses().get(0);
        JsonNode defaultAddress = node.path("defaultAddress");
        assertEquals(first.id(), defaultAddress.path("id").asText());
        assertEquals(first.city(), defaultAddress.path("city").asText());
        assertEquals(first.countryCodeV2(), defaultAddress.path("countryCodeV2").asText());
        assertEquals(first.zip(), defaultAddress.path("zip").asText());

        CustomerTruth noPhoneNoAddress = shop.customers().stream()
                .filter(x -> x.phone() == null && x.addresses().isEmpty()).findFirst().orElseThrow();
        JsonNode bare = client.post(FIELDS, Map.of("id", noPhoneNoAddress.gid())).data().path("customer");
        assertTrue(bare.path("phone").isNull());
        assertTrue(bare.path("defaultPhoneNumber").isNull());
        assertTrue(bare.path("defaultAddress").isNull());
        assertEquals(0, bare.path("addresses").size());
    }

    @Test
    void addressesV2PagesThroughMoreAddressesThanAPage() {
        List<CustomerTruth> withFour = shop.customers().stream().filter(c -> c.addresses().size() == 4).toList();
        assertFalse(withFour.isEmpty());
        for (CustomerTruth c : withFour.subList(0, Math.min(5, withFour.size()))) {
            List<String> ids = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                Map<String, Object> variables = new HashMap<>();
                variables.put("id", c.gid());
                variables.put("after", after);
                JsonNode connection = client.post(ADDRESSES, variables).data().path("customer").path("addressesV2");
                connection.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
                JsonNode pageInfo = connection.path("pageInfo");
                after = pageInfo.path("hasNextPage").asBoolean() ? pageInfo.path("endCursor").asText() : null;
                pages++;
            } while (after != null);
            assertEquals(c.addresses().stream().map(AddressTruth::id).toList(), ids);
            assertEquals(2, pages);
        }
    }

    @Test
    void editsAndDeletesShowInTruthAndQueriesWithTheIndexLag() {
        Map<Long, CustomerTruth> before = new HashMap<>();
        shop.customers().forEach(c -> before.put(c.id(), c));
        Instant now = clock.instant();
        List<Long> edited = shop.editCustomers(40, now.minusMillis(2_500));
        List<Long> deleted = shop.deleteCustomers(10, now.minusSeconds(2));
        assertEquals(40, new HashSet<>(edited).size());
        assertEquals(990, shop.customers().size());
        Instant whole = now.minusSeconds(3);
        int addressesChanged = 0;
        for (CustomerTruth c : shop.customers()) {
            CustomerTruth old = before.get(c.id());
            if (!edited.contains(c.id())) {
                assertEquals(old, c);
                continue;
            }
            assertEquals(whole, c.updatedAt());
            assertTrue(!c.equals(new CustomerTruth(old.id(), old.gid(), old.firstName(), old.lastName(), old.email(),
                    old.phone(), old.state(), old.verifiedEmail(), old.tags(), old.numberOfOrders(), old.amountSpent(),
                    old.currencyCode(), old.createdAt(), whole, old.addresses())), "an edit changes something");
            addressesChanged += c.addresses().equals(old.addresses()) ? 0 : 1;
        }
        assertTrue(addressesChanged > 0, "some edits add or remove an address");
        for (long id : deleted) {
            assertNull(shop.customer(id));
            assertEquals(now.minusSeconds(2), shop.customerDeletions().get(id));
            assertTrue(client.post("query($id: ID!) { customer(id: $id) { id } }",
                    Map.of("id", CustomerTruth.gidOf(id))).data().path("customer").isNull());
        }

        String window = "updated_at:>='" + ShopGraph.iso(now.minus(Duration.ofMinutes(10))) + "'";
        Set<Long> stillEdited = new HashSet<>(edited);
        stillEdited.removeAll(deleted);
        assertEquals(List.of(), walk(window, "UPDATED_AT", false), "3 s old edits are not searchable yet");
        assertEquals(0, count(window));
        List<Long> listed = walk(null, null, false);
        assertEquals(shop.customers().stream().map(CustomerTruth::id).toList(), listed);
        assertTrue(listed.containsAll(stillEdited));

        clock.advance(Duration.ofSeconds(3));
        assertEquals(stillEdited, new HashSet<>(walk(window, "UPDATED_AT", false)));
        assertEquals(stillEdited.size(), count(window));
    }

    @Test
    void theSameCallsGiveTheSameCustomersAndLeaveProductEditsAlone() {
        CatalogSpec spec = new CatalogSpec(77, 200, BASE, 0).withCustomers(300).withLocations(20);
        SimulatedShop a = simulator.addShop("a.myshopify.com", "t", ShopPlan.STANDARD, spec);
        SimulatedShop b = simulator.addShop("b.myshopify.com", "t", ShopPlan.STANDARD, spec);
        SimulatedShop productsOnly = simulator.addShop("c.myshopify.com", "t", ShopPlan.STANDARD, spec);
        for (SimulatedShop s : List.of(a, b)) {
            s.editCustomers(30, BASE.plusSeconds(5));
            s.editProducts(20, BASE.plusSeconds(10));
            s.deleteCustomers(5, BASE.plusSeconds(15));
            s.editLocations(5, BASE.plusSeconds(20));
            s.deleteLocations(2, BASE.plusSeconds(25));
            s.editCustomers(30, BASE.plusSeconds(30));
        }
        productsOnly.editProducts(20, BASE.plusSeconds(10));
        assertEquals(a.customers(), b.customers());
        assertEquals(a.locations(), b.locations());
        assertEquals(a.customerDeletions(), b.customerDeletions());
        assertEquals(productsOnly.products(), a.products(), "customer and location edits use their own randomness");
    }

    @Test
    void nodesResolvesProductsCustomersAndLocationsTogether() {
        ProductTruth product = shop.products().get(3);
        CustomerTruth customer = shop.customers().get(7);
        LocationTruth location = shop.locations().get(2);
        String query = valid("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Product { title }"
                + " ... on Customer { email numberOfOrders } ... on Location { name isActive } } }");
        List<String> ids = List.of(location.gid(), product.gid(), customer.gid(), CustomerTruth.gidOf(1),
                LocationTruth.gidOf(1));
        SimulatorClient.Reply reply = client.post(query, Map.of("ids", ids));
        JsonNode nodes = reply.data().path("nodes");
        assertEquals(5, nodes.size());
        assertEquals("Location", nodes.get(0).path("__typename").asText());
        assertEquals(location.name(), nodes.get(0).path("name").asText());
        assertEquals(location.isActive(), nodes.get(0).path("isActive").asBoolean());
        assertEquals(product.title(), nodes.get(1).path("title").asText());
        assertEquals("Customer", nodes.get(2).path("__typename").asText());
        assertEquals(customer.email(), nodes.get(2).path("email").asText());
        assertTrue(nodes.get(3).isNull());
        assertTrue(nodes.get(4).isNull());
        JsonNode single = client.post(valid("query($id: ID!) { node(id: $id) { ... on Customer { lastName } } }"),
                Map.of("id", customer.gid())).data().path("node");
        assertEquals(customer.lastName(), single.path("lastName").asText());
        assertTrue(reply.cost().path("actualQueryCost").asInt() <= reply.cost().path("requestedQueryCost").asInt());
    }
}
