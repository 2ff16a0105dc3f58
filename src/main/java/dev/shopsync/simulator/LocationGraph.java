package dev.shopsync.simulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import graphql.schema.DataFetchingEnvironment;

/**
 * A shop's locations, as of one request, seen through the Admin API: the {@code locations} connection (sorted by
 * name unless told otherwise, inactive locations only with {@code includeInactive: true}, as on Shopify),
 * {@code locationsCount}, {@code location} (without an id: the primary location) and location nodes.
 */
final class LocationGraph {

    private final CatalogState state;
    private final Predicate<Instant> indexed;

    /** @param indexed whether a row last changed at that instant is visible to search yet */
    LocationGraph(CatalogState state, Predicate<Instant> indexed) {
        this.state = state;
        this.indexed = indexed;
    }

    void addTo(Map<String, Object> root) {
        root.put("locations", (FieldResolver) this::locations);
        root.put("locationsCount", (FieldResolver) this::locationsCount);
    }

    /** The live location's node, or null. */
    Map<String, Object> node(long id) {
        LocationTruth location = state.locations().get(id);
        return location == null ? null : locationNode(location);
    }

    /** What {@code location} answers without an id: the oldest active location stands in for the primary one. */
    Map<String, Object> primary() {
        return state.locations().values().stream().filter(LocationTruth::isActive).findFirst()
                .map(LocationGraph::locationNode).orElse(null);
    }

    private Object locations(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<LocationTruth> key = SortKey.forLocations(env.getArgument("sortKey"));
        boolean includeInactive = Boolean.TRUE.equals(env.getArgument("includeInactive"));
        List<LocationTruth> rows = state.locationsSortedBy(key);
        if (query.isFiltered() || !includeInactive) {
            rows = rows.stream()
                    .filter(l -> includeInactive || l.isActive())
                    .filter(l -> !query.isFiltered() || indexed.test(l.updatedAt()) && query.matches(l))
                    .toList();
        }
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                LocationGraph::locationNode);
    }

    /** Counts inactive locations too: the field has no {@code includeInactive}; {@code active:true} narrows it. */
    private Object locationsCount(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        long count = query.isFiltered()
                ? state.locations().values().stream().filter(l -> indexed.test(l.updatedAt()) && query.matches(l))
                        .count()
                : state.locations().size();
        return ShopGraph.countNode(env, count);
    }

    static Map<String, Object> locationNode(LocationTruth l) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "Location");
        node.put("id", l.gid());
        node.put("legacyResourceId", String.valueOf(l.id()));
        node.put("name", l.name());
        node.put("isActive", l.isActive());
        node.put("fulfillsOnlineOrders", l.fulfillsOnlineOrders());
        node.put("shipsInventory", l.shipsInventory());
        node.put("createdAt", ShopGraph.iso(l.createdAt()));
        node.put("updatedAt", ShopGraph.iso(l.updatedAt()));
        // Deactivation was the inactive location's last change.
        node.put("deactivatedAt", l.isActive() ? null : ShopGraph.iso(l.updatedAt()));
        node.put("activatable", !l.isActive());
        node.put("deactivatable", l.isActive());
        node.put("deletable", !l.isActive());
        node.put("isFulfillmentService", false);
        node.put("hasActiveInventory", l.isActive() && l.shipsInventory());
        node.put("hasUnfulfilledOrders", false);
        node.put("addressVerified", true);
        node.put("address", address(l));
        return node;
    }

    private static Map<String, Object> address(LocationTruth l) {
        Place place = Place.of(l.city(), l.countryCode());
        Map<String, Object> address = new HashMap<>();
        address.put("address1", l.address1());
        address.put("city", l.city());
        address.put("province", place == null ? null : place.province());
        address.put("provinceCode", l.provinceCode());
        address.put("country", place == null ? null : place.country());
        address.put("countryCode", l.countryCode());
        address.put("zip", l.zip());
        return address;
    }
}
