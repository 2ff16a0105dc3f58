package dev.shopsync.sync.collection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.budget.CostBudget;
import dev.shopsync.persistence.Watermarks;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.sync.AdaptivePageSize;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncConfig;

/**
 * Collections, custom and smart, with their complete membership. Smart-collection membership changes when
 * products change, without touching the collection's {@code updatedAt}: a reconciliation pass therefore
 * re-reads every collection in full, not only the missing ones (collections are few; members cost 1 point
 * per 250 ids).
 */
@Singleton
public class CollectionSyncer extends GraphQlResourceSyncer<CollectionRow> {

    public static final String RESOURCE = "collections";
    private static final ResourceQueries QUERIES = new ResourceQueries("collections", "Collection",
            "CollectionsPage", "CollectionIds", "CollectionsByIds", true, true, "products", "productsFirst",
            "CollectionProductsPage", "collection");

    private final CollectionPageWriter writer;
    private final Watermarks watermarks;
    private final SyncConfig config;
    private final ObjectMapper json;

    public CollectionSyncer(GraphQlClient client, GraphQlDocuments documents, CollectionPageWriter writer,
            Watermarks watermarks, SyncConfig config, ObjectMapper json, AdaptivePageSize pageSize,
            CostBudget budget) {
        super(QUERIES, client, documents, config, pageSize, budget);
        this.writer = writer;
        this.watermarks = watermarks;
        this.config = config;
        this.json = json;
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    protected int nestedFirstConfigured() {
        return config.nestedPageSize();
    }

    @Override
    public int persist(long shopId, List<CollectionRow> rows) {
        return writer.write(shopId, rows);
    }

    @Override
    public Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        Reconciled reconciled = writer.reconcile(shopId, afterId, upToId, shopifyIds);
        // every collection of the page is re-read: see the class comment
        return new Reconciled(reconciled.softDeleted(), shopifyIds);
    }

    @Override
    public Optional<Instant> maxUpdatedAt(long shopId) {
        return watermarks.maxUpdatedAt("collection", shopId);
    }

    @Override
    protected CollectionRow toRow(long id, JsonNode node, List<JsonNode> members) {
        ObjectNode raw = node.deepCopy();
        raw.remove("products");
        List<Long> productIds = new ArrayList<>(members.size());
        members.forEach(member -> productIds.add(Gid.numericId(member.path("id").asText())));
        JsonNode ruleSet = node.path("ruleSet");
        return new CollectionRow(id, node.path("id").asText(), textOrNull(node.path("title")),
                textOrNull(node.path("handle")), textOrNull(node.path("sortOrder")),
                ruleSet.isObject() && !ruleSet.isEmpty(), instant(node.path("updatedAt")), write(raw), productIds);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("node not serialisable", e);
        }
    }
}
