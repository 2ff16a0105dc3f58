package dev.shopsync.sync.location;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncToolkit;

/**
 * Locations, inactive ones included. A shop has few, so every window reads the whole list (no search filter)
 * and writes it; the monotonic guard keeps that harmless.
 */
@Singleton
public class LocationSyncer extends GraphQlResourceSyncer<LocationRow> {

    public static final String RESOURCE = "locations";
    private static final ResourceQueries QUERIES = new ResourceQueries("locations", "Location", "LocationsPage",
            "LocationIds", "LocationsByIds", false, false, List.of());

    public LocationSyncer(LocationPageWriter writer, SyncToolkit toolkit) {
        super(QUERIES, "location", writer, toolkit);
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    protected LocationRow toRow(long id, JsonNode node) {
        JsonNode address = node.path("address");
        return new LocationRow(id, node.path("id").asText(), textOrNull(node.path("name")),
                bool(node.path("isActive")), bool(node.path("fulfillsOnlineOrders")),
                bool(node.path("shipsInventory")), textOrNull(address.path("address1")),
                textOrNull(address.path("city")), textOrNull(address.path("provinceCode")),
                textOrNull(address.path("countryCode")), textOrNull(address.path("zip")),
                instant(node.path("createdAt")), instant(node.path("updatedAt")), json(node));
    }
}
