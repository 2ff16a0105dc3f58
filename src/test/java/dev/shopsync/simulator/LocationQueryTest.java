package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Locations through the API: name order, inactive ones hidden by default, fields, edits and deletes. */
class LocationQueryTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final String PAGE = CustomerQueryTest.valid("query($after: String, $query: String,"
            + " $sortKey: LocationSortKeys, $inactive: Boolean) { locations(first: 7, after: $after, query: $query,"
            + " sortKey: $sortKey, includeInactive: $inactive) { nodes { id name isActive }"
            + " pageInfo { hasNextPage endCursor } } }");
    static final String DEFAULT_PAGE = CustomerQueryTest.valid("{ locations(first: 250) { nodes { id } } }");
    static final String FIELDS = CustomerQueryTest.valid("query($id: ID!) { location(id: $id) { id legacyResourceId"
            + " name isActive fulfillsOnlineOrders shipsInventory createdAt updatedAt deactivatedAt"
            + " address { address1 city provinceCode countryCode zip } } }");
    static final String COUNT = CustomerQueryTest.valid(
            "query($query: String) { locationsCount(query: $query) { count } }");

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        clock = new MutableClock(BASE);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock)
                .withIndexLag(Duration.ofSeconds(5)));
        shop = simulator.addShop("places.myshopify.com", "t", ShopPlan.PLUS,
                new CatalogSpec(8, 20, BASE, 0).withLocations(60));
        client = new SimulatorClient(simulator.baseUrl("places.myshopify.com"), "t", "2026-10");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private List<JsonNode> walk(String query, String sortKey, Boolean inactive) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        for (int pages = 1;; pages++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            variables.put("query", query);
            variables.put("sortKey", sortKey);
            variables.put("inactive", inactive);
            SimulatorClient.Reply reply = client.post(PAGE, variables);
            assertFalse(reply.body().has("errors"), reply.body().toString());
            JsonNode locations = reply.data().path("locations");
            locations.path("nodes").forEach(nodes::add);
            assertTrue(pages < 100, "runaway pagination");
            if (!locations.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = locations.path("pageInfo").path("endCursor").asText();
        }
    }

    private static List<Long> ids(List<JsonNode> nodes) {
        return nodes.stream().map(CustomerQueryTest::idOf).toList();
    }

    private static List<Long> byName(List<LocationTruth> locations) {
        return locations.stream().sorted(Comparator.comparing((LocationTruth l) -> l.name().toLowerCase(Locale.ROOT))
                .thenComparingLong(LocationTruth::id)).map(LocationTruth::id).toList();
    }

    @Test
    void inactiveLocationsAreHiddenUnlessAskedForAndNamesOrderTheList() {
        List<LocationTruth> all = shop.locations();
        List<LocationTruth> active = all.stream().filter(LocationTruth::isActive).toList();
        assertTrue(active.size() < all.size(), "the spec has inactive locations");

        List<JsonNode> byDefault = walk(null, null, null);
        assertEquals(byName(active), ids(byDefault));
        assertTrue(byDefault.stream().allMatch(n -> n.path("isActive").asBoolean()));
        List<Long> plain = new ArrayList<>();
        client.post(DEFAULT_PAGE).data().path("locations").path("nodes")
                .forEach(n -> plain.add(CustomerQueryTest.idOf(n)));
        assertEquals(byName(active), plain);

        assertEquals(byName(all), ids(walk(null, null, true)));
        assertEquals(all.stream().map(LocationTruth::id).toList(), ids(walk(null, "ID", true)));
        assertEquals(all.size(), client.post(COUNT, new HashMap<>()).data().path("locationsCount").path("count")
                .asInt());
        assertEquals(active.size(), client.post(COUNT, Map.of("query", "active:true")).data()
                .path("locationsCount").path("count").asInt());
    }

    @Test
    void locationFieldsMatchTheTruth() {
        LocationTruth inactive = shop.locations().stream().filter(l -> !l.isActive()).findFirst().orElseThrow();
        JsonNode node = client.post(FIELDS, Map.of("id", inactive.gid())).data().path("location");
        assertEquals(inactive.name(), node.path("name").asText());
        assertEquals(String.valueOf(inactive.id()), node.path("legacyResourceId").asText());
        assertFalse(node.path("isActive").asBoolean());
        assertEquals(ShopGraph.iso(inactive.updatedAt()), node.path("deactivatedAt").asText());
        assertEquals(inactive.city(), node.path("address").path("city").asText());
        assertEquals(inactive.countryCode(), node.path("address").path("countryCode").asText());
        assertEquals(inactive.zip(), node.path("address").path("zip").asText());
        LocationTruth active = shop.locations().stream().filter(LocationTruth::isActive).findFirst().orElseThrow();
        JsonNode activeNode = client.post(FIELDS, Map.of("id", active.gid())).data().path("location");
        assertTrue(activeNode.path("deactivatedAt").isNull());
        assertEquals(active.fulfillsOnlineOrders(), activeNode.path("fulfillsOnlineOrders").asBoolean());
        JsonNode primary = client.post(CustomerQueryTest.valid("{ location { id } }")).data().path("location");
        assertEquals(active.gid(), primary.path("id").asText());
    }

    @Test
    void editsAndDeletesShowInTruthAndQueriesWithTheIndexLag() {
        Map<Long, LocationTruth> before = new HashMap<>();
        shop.locations().forEach(l -> before.put(l.id(), l));
        Instant now = clock.instant();
        List<Long> edited = shop.editLocations(15, now.minusSeconds(2));
        List<Long> deleted = shop.deleteLocations(4, now.minusSeconds(1));
        assertEquals(56, shop.locations().size());
        assertEquals(56, LocationGenerator.namesOf(shop.locations()).size(), "names stay unique");
        for (LocationTruth l : shop.locations()) {
            if (edited.contains(l.id())) {
                assertEquals(now.minusSeconds(2), l.updatedAt());
                assertNotEquals(before.get(l.id()), l);
            } else {
                assertEquals(before.get(l.id()), l);
            }
        }
        Set<Long> listed = new HashSet<>(ids(walk(null, null, true)));
        assertEquals(shop.locations().stream().map(LocationTruth::id).collect(java.util.stream.Collectors.toSet()),
                listed);
        deleted.forEach(id -> assertTrue(client.post(FIELDS, Map.of("id", LocationTruth.gidOf(id))).data()
                .path("location").isNull()));

        String window = "updated_at:>='" + ShopGraph.iso(now.minus(Duration.ofMinutes(10))) + "'";
        assertEquals(List.of(), walk(window, null, true), "2 s old edits are not searchable yet");
        clock.advance(Duration.ofSeconds(3));
        Set<Long> stillEdited = new HashSet<>(edited);
        stillEdited.removeAll(deleted);
        assertEquals(stillEdited, new HashSet<>(ids(walk(window, null, true))));
        Set<Long> activeEdited = new HashSet<>();
        stillEdited.forEach(id -> {
            if (shop.locations().stream().anyMatch(l -> l.id() == id && l.isActive())) {
                activeEdited.add(id);
            }
        });
        assertEquals(activeEdited, new HashSet<>(ids(walk(window, null, null))));
    }
}
