package dev.shopsync.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares one page of the ids Shopify has with a table keyed {@code (shop_id, id)}: rows of the page's id
 * range that Shopify no longer has are soft-deleted, and the ids the table lacks or holds as deleted are returned so
 * they can be fetched in full. The caller then removes the gone rows' children ({@link #deleteChildren}), after it
 * has read what it needs from them (which collections held a deleted product, say).
 */
public final class IdReconciler {

    /**
     * A table whose rows follow their parent's deletion: soft-deleted with it, or, for rows that only describe a
     * relation and are replaced whole on every sync (memberships, stock per location), removed.
     */
    public record Child(String table, String parentColumn, boolean removed) {

        public Child(String table, String parentColumn) {
            this(table, parentColumn, false);
        }

        public static Child removed(String table, String parentColumn) {
            return new Child(table, parentColumn, true);
        }
    }

    private final String table;
    private final String softDeleteGone;
    private final List<String> softDeleteChildren = new ArrayList<>();
    private final String missing;
    private final String softDeleteDestroyed;

    public IdReconciler(String table, Child... children) {
        this.table = table;
        this.softDeleteGone = "UPDATE " + table + " SET deleted_at = now(), synced_at = now() "
                + "WHERE shop_id = ? AND deleted_at IS NULL AND id > ? AND (?::bigint IS NULL OR id <= ?::bigint) "
                + "AND NOT (id = ANY(?::bigint[])) RETURNING id";
        for (Child child : children) {
            softDeleteChildren.add(child.removed()
                    ? "DELETE FROM " + child.table() + " WHERE shop_id = ? AND " + child.parentColumn()
                            + " = ANY(?::bigint[])"
                    : "UPDATE " + child.table() + " SET deleted_at = now(), synced_at = now() WHERE shop_id = ? AND "
                            + child.parentColumn() + " = ANY(?::bigint[]) AND deleted_at IS NULL");
        }
        // a row written after its destroy event is a newer state (the id came back): it stays
        this.softDeleteDestroyed = "UPDATE " + table + " t SET deleted_at = d.at, synced_at = now() "
                + "FROM unnest(?::bigint[], ?::timestamptz[]) AS d(id, at) WHERE t.shop_id = ? AND t.id = d.id "
                + "AND t.deleted_at IS NULL AND t.updated_at <= d.at RETURNING t.id";
        this.missing = "SELECT s.id FROM unnest(?::bigint[]) AS s(id) WHERE NOT EXISTS (SELECT 1 FROM " + table
                + " r WHERE r.shop_id = ? AND r.id = s.id AND r.deleted_at IS NULL) ORDER BY s.id";
    }

    /**
     * @param afterId    the page covers ids above this one
     * @param upToId     and up to this one (null: to the end)
     * @param shopifyIds the ids Shopify has in that range
     */
    /** The table whose rows it reconciles. */
    public String table() {
        return table;
    }

    public Outcome reconcile(Connection connection, long shopId, long afterId, Long upToId, List<Long> shopifyIds)
            throws SQLException {
        Array present = connection.createArrayOf("bigint", shopifyIds.toArray());
        List<Long> gone = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(softDeleteGone)) {
            statement.setLong(1, shopId);
            statement.setLong(2, afterId);
            statement.setObject(3, upToId, Types.BIGINT);
            statement.setObject(4, upToId, Types.BIGINT);
            statement.setArray(5, present);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    gone.add(result.getLong(1));
                }
            }
        }
        List<Long> absent = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(missing)) {
            statement.setArray(1, present);
            statement.setLong(2, shopId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    absent.add(result.getLong(1));
                }
            }
        }
        return new Outcome(gone, absent);
    }

    /**
     * Soft-deletes the rows Shopify's event log says were destroyed (and their children), each as of its event.
     *
     * @param destroyed subject id → when it was destroyed
     * @return the ids of the rows soft-deleted now (rows already deleted, unknown, or written after the event are
     *         left); their children are still there
     */
    public List<Long> softDeleteDestroyed(Connection connection, long shopId, Map<Long, Instant> destroyed)
            throws SQLException {
        if (destroyed.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(destroyed.keySet());
        List<Long> gone = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(softDeleteDestroyed)) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            statement.setArray(2, connection.createArrayOf("text",
                    ids.stream().map(id -> destroyed.get(id).toString()).toArray()));
            statement.setLong(3, shopId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    gone.add(result.getLong(1));
                }
            }
        }
        return gone;
    }

    /** Soft-deletes or removes the child rows of rows that were just soft-deleted. */
    public void deleteChildren(Connection connection, long shopId, List<Long> gone) throws SQLException {
        if (gone.isEmpty()) {
            return;
        }
        Array goneIds = connection.createArrayOf("bigint", gone.toArray());
        for (String sql : softDeleteChildren) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, shopId);
                statement.setArray(2, goneIds);
                statement.executeUpdate();
            }
        }
    }

    /** Ids of the rows soft-deleted (their children still there), and ids to fetch back. */
    public record Outcome(List<Long> gone, List<Long> missing) {
    }
}
