package dev.shopsync.sync.collection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.shopify.Gid;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.NestedList;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncConfig;
import dev.shopsync.sync.SyncToolkit;

/**
 * Collections, custom and smart, with their complete membership. Smart-collection membership changes when
 * products change, without touching the collection's {@code updatedAt}: a reconciliation pass therefore
 * re-reads every collection in full, not only the missing ones (collections are few; members cost 1 point
 * per 250 ids).
 */
@Singleton
public class CollectionSyncer extends GraphQlResourceSyncer<CollectionRow> {

    public static final String RESOURCE = "collections";
    public CollectionSyncer(CollectionPageWriter writer, SyncToolkit toolkit) {
        super(queries(toolkit.config()), "collection", writer, toolkit);
    }

    private static ResourceQueries queries(SyncConfig config) {
        return new ResourceQueries("collections", "Collection", "CollectionsPage", "CollectionIds",
                "CollectionsByIds", true, true, List.of(new NestedList("products", "productsFirst",
                        config.nestedPageSize(), "CollectionProductsPage", "collection")));
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    public Optional<String> destroyEventSubject() {
        return Optional.of("COLLECTION");
    }

    @Override
    public Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        Reconciled reconciled = super.reconcile(shopId, afterId, upToId, shopifyIds);
        // every collection of the page is re-read: see the class comment
        return new Reconciled(reconciled.softDeleted(), shopifyIds);
    }

    @Override
    protected CollectionRow toRow(long id, JsonNode node) {
        JsonNode members = nodesOf(node, "products");
        ObjectNode raw = node.deepCopy();
        raw.remove("products");
        List<Long> productIds = new ArrayList<>(members.size());
        members.forEach(member -> productIds.add(Gid.numericId(member.path("id").asText())));
        JsonNode ruleSet = node.path("ruleSet");
        return new CollectionRow(id, node.path("id").asText(), textOrNull(node.path("title")),
                textOrNull(node.path("handle")), textOrNull(node.path("sortOrder")),
                ruleSet.isObject() && !ruleSet.isEmpty(), instant(node.path("updatedAt")), json(raw), productIds);
    }
}
