package dev.shopsync.sync.collection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.ChildRows;
import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.persistence.PositionRenumber;
import dev.shopsync.sync.PageWriter;

/** Writes collections and replaces the membership of those written, in one transaction. */
@ApplicationScoped
public class CollectionPageWriter extends PageWriter<CollectionRow> {

    /** One membership: a product at a position of a collection. */
    record Member(long collectionId, long productId, int position) {
    }

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

    private final PositionRenumber memberPositions = new PositionRenumber("collection_product", "collection_id",
            "product_id", false);

    public CollectionPageWriter(DataSource dataSource, Changes changes) {
        super(dataSource, new IdReconciler("collection",
                IdReconciler.Child.removed("collection_product", "collection_id")), "collections", changes,
                Entity.Kind.COLLECTION);
    }

    /** The page statements inside the caller's transaction (a bulk chunk). */
    int writeRows(Connection connection, long shopId, List<CollectionRow> rows) throws SQLException {
        return write(connection, shopId, rows);
    }

    /** Adds members from bulk lines (position: their place in the file), then renumbers each collection's. */
    void addBulkMembers(Connection connection, long shopId, List<Member> rows) throws SQLException {
        members.add(connection, shopId, rows);
        memberPositions.renumber(connection, shopId,
                rows.stream().map(Member::collectionId).collect(java.util.stream.Collectors.toSet()));
    }

    @Override
    protected int write(Connection connection, long shopId, List<CollectionRow> rows) throws SQLException {
        Set<Long> applied = collections.execute(connection, shopId, rows);
        changed(shopId, applied);
        Set<Membership> before = memberships(connection, shopId, applied);
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
        changed(shopId, Entity.Kind.PRODUCT_COLLECTIONS, membershipChanges(before, children));
        return applied.size();
    }

    /** One product in one collection, whatever its position. */
    private record Membership(long collectionId, long productId) {
    }

    private static Set<Membership> memberships(Connection connection, long shopId, Set<Long> collections)
            throws SQLException {
        Set<Membership> found = new java.util.HashSet<>();
        if (collections.isEmpty()) {
            return found;
        }
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT collection_id, product_id "
                + "FROM collection_product WHERE shop_id = ? AND collection_id = ANY(?)")) {
            statement.setLong(1, shopId);
            statement.setArray(2, connection.createArrayOf("bigint", collections.toArray()));
            try (java.sql.ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    found.add(new Membership(row.getLong(1), row.getLong(2)));
                }
            }
        }
        return found;
    }

    /**
     * The products whose list of collections changed: those that joined or left one of the collections written,
     * compared collection by collection (a product moving between two collections of the same page is in the page
     * before and after, yet its list changed). A new position alone changes no product's list.
     */
    private static Set<Long> membershipChanges(Set<Membership> before, List<Member> after) {
        Set<Membership> now = new java.util.HashSet<>();
        for (Member member : after) {
            now.add(new Membership(member.collectionId(), member.productId()));
        }
        Set<Long> changed = new java.util.HashSet<>();
        for (Membership membership : now) {
            if (!before.contains(membership)) {
                changed.add(membership.productId());
            }
        }
        for (Membership membership : before) {
            if (!now.contains(membership)) {
                changed.add(membership.productId());
            }
        }
        return changed;
    }

    /** A deleted collection no longer lists its products among their collections. */
    @Override
    protected void deleting(Connection connection, long shopId, List<Long> ids) throws SQLException {
        changed(shopId, Entity.Kind.PRODUCT_COLLECTIONS, related(connection,
                "SELECT DISTINCT product_id FROM collection_product WHERE shop_id = ? AND collection_id = ANY(?)",
                shopId, ids));
    }
}
