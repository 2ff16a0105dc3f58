package dev.shopsync.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares one page of the ids Shopify has with a table keyed {@code (shop_id, id)}: rows of the page's id
 * range that Shopify no longer has are soft-deleted (and the rows of the child tables that hang off them), and
 * the ids the table lacks or holds as deleted are returned so they can be fetched in full.
 */
public final class IdReconciler {

    /** A child table whose rows follow their parent's deletion. */
    public record Child(String table, String parentColumn) {
    }

    private final String softDeleteGone;
    private final List<String> softDeleteChildren = new ArrayList<>();
    private final String missing;

    public IdReconciler(String table, Child... children) {
        this.softDeleteGone = "UPDATE " + table + " SET deleted_at = now(), synced_at = now() "
                + "WHERE shop_id = ? AND deleted_at IS NULL AND id > ? AND (?::bigint IS NULL OR id <= ?::bigint) "
                + "AND NOT (id = ANY(?::bigint[])) RETURNING id";
        for (Child child : children) {
            softDeleteChildren.add("UPDATE " + child.table() + " SET deleted_at = now(), synced_at = now() "
                    + "WHERE shop_id = ? AND " + child.parentColumn() + " = ANY(?::bigint[]) AND deleted_at IS NULL");
        }
        this.missing = "SELECT s.id FROM unnest(?::bigint[]) AS s(id) WHERE NOT EXISTS (SELECT 1 FROM " + table
                + " r WHERE r.shop_id = ? AND r.id = s.id AND r.deleted_at IS NULL) ORDER BY s.id";
    }

    /**
     * @param afterId    the page covers ids above this one
     * @param upToId     and up to this one (null: to the end)
     * @param shopifyIds the ids Shopify has in that range
     */
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
        if (!gone.isEmpty()) {
            Array goneIds = connection.createArrayOf("bigint", gone.toArray());
            for (String sql : softDeleteChildren) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, shopId);
                    statement.setArray(2, goneIds);
                    statement.executeUpdate();
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
        return new Outcome(gone.size(), absent);
    }

    /** Rows soft-deleted, and ids to fetch back. */
    public record Outcome(int softDeleted, List<Long> missing) {
    }
}
