package dev.shopsync.sync.collection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.ChildRows;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.persistence.PersistenceFailure;
import dev.shopsync.sync.ResourceSyncer;

/** Writes collections and replaces the membership of those written, in one transaction. */
@ApplicationScoped
public class CollectionPageWriter {

    /** One membership: a product at a position of a collection. */
    record Member(long collectionId, long productId, int position) {
    }

    private final DataSource dataSource;
    private final IdReconciler reconciler = new IdReconciler("collection");
    private final BulkUpsert<CollectionRow> collections = BulkUpsert.<CollectionRow>into("collection")
            .column("id", "bigint", CollectionRow::id)
            .column("gid", "text", CollectionRow::gid)
            .column("title", "text", CollectionRow::title)
            .column("handle", "text", CollectionRow::handle)
            .column("sort_order", "text", CollectionRow::sortOrder)
            .column("smart", "boolean", CollectionRow::smart)
            .column("updated_at", "timestamptz", CollectionRow::updatedAt)
            .column("raw", "jsonb", CollectionRow::raw)
            .guardedBy("updated_at")
            .build();
    private final ChildRows<Member> members = ChildRows.<Member>into("collection_product", "collection_id")
            .column("collection_id", "bigint", Member::collectionId)
            .column("product_id", "bigint", Member::productId)
            .column("position", "integer", Member::position)
            .build();

    public CollectionPageWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public int write(long shopId, List<CollectionRow> rows) {
        try (Connection connection = dataSource.getConnection()) {
            Set<Long> applied = collections.execute(connection, shopId, rows);
            List<Member> children = new ArrayList<>();
            for (CollectionRow collection : rows) {
                if (applied.contains(collection.id())) {
                    int position = 1;
                    for (Long productId : collection.productIds()) {
                        children.add(new Member(collection.id(), productId, position++));
                    }
                }
            }
            members.replace(connection, shopId, applied, children);
            return applied.size();
        } catch (SQLException e) {
            throw new PersistenceFailure("writing " + rows.size() + " collections of shop " + shopId, e);
        }
    }

    @Transactional
    public ResourceSyncer.Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        try (Connection connection = dataSource.getConnection()) {
            IdReconciler.Outcome outcome = reconciler.reconcile(connection, shopId, afterId, upToId, shopifyIds);
            // Membership of a deleted collection goes with it; its row stays, soft-deleted.
            return new ResourceSyncer.Reconciled(outcome.softDeleted(), outcome.missing());
        } catch (SQLException e) {
            throw new PersistenceFailure("reconciling collections of shop " + shopId, e);
        }
    }
}
