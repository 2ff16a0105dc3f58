package dev.shopsync.sync.location;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.budget.CostBudget;
import dev.shopsync.persistence.Watermarks;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.sync.AdaptivePageSize;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncConfig;

/**
 * Locations, inactive ones included. A shop has few, so every window reads the whole list (no search filter);
 * the engine skips the rows it already has by their {@code (updated_at, id)}.
 */
@Singleton
public class LocationSyncer extends GraphQlResourceSyncer<LocationRow> {

    public static final String RESOURCE = "locations";
    private static final ResourceQueries QUERIES = new ResourceQueries("locations", "Location", "LocationsPage",
            "LocationIds", "LocationsByIds", false, false, null, null, null, null);

    private final LocationPageWriter writer;
    private final Watermarks watermarks;
    private final ObjectMapper json;

    public LocationSyncer(GraphQlClient client, GraphQlDocuments documents, LocationPageWriter writer,
            Watermarks watermarks, SyncConfig config, ObjectMapper json, AdaptivePageSize pageSize,
            CostBudget budget) {
        super(QUERIES, client, documents, config, pageSize, budget);
        this.writer = writer;
        this.watermarks = watermarks;
        this.json = json;
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    protected int nestedFirstConfigured() {
        return 0;
    }

    @Override
    public int persist(long shopId, List<LocationRow> rows) {
        return writer.write(shopId, rows);
    }

    @Override
    public Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        return writer.reconcile(shopId, afterId, upToId, shopifyIds);
    }

    @Override
    public Optional<Instant> maxUpdatedAt(long shopId) {
        return watermarks.maxUpdatedAt("location", shopId);
    }

    @Override
    protected LocationRow toRow(long id, JsonNode node, List<JsonNode> nested) {
        JsonNode address = node.path("address");
        return new LocationRow(id, node.path("id").asText(), textOrNull(node.path("name")),
                bool(node.path("isActive")), bool(node.path("fulfillsOnlineOrders")),
                bool(node.path("shipsInventory")), textOrNull(address.path("address1")),
                textOrNull(address.path("city")), textOrNull(address.path("provinceCode")),
                textOrNull(address.path("countryCode")), textOrNull(address.path("zip")),
                instant(node.path("createdAt")), instant(node.path("updatedAt")), write(node));
    }

    private static Boolean bool(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : null;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("node not serialisable", e);
        }
    }
}
