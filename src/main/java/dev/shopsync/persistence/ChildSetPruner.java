package dev.shopsync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Makes a parent's children equal to the set just written: children of the given parents that are not in
 * that set (removed in Shopify) are soft-deleted.
 */
public final class ChildSetPruner {

    private final String sql;

    public ChildSetPruner(String table, String parentColumn) {
        this.sql = "UPDATE " + table + " SET deleted_at = now(), synced_at = now() WHERE shop_id = ? AND "
                + parentColumn + " = ANY(?::bigint[]) AND deleted_at IS NULL"
                // a hashed sub-plan: "NOT (id = ANY(array))" would compare every child with every id
                + " AND id NOT IN (SELECT unnest(?::bigint[]))";
    }

    public int prune(Connection connection, long shopId, Collection<Long> parentIds, Collection<Long> presentIds)
            throws SQLException {
        if (parentIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            statement.setArray(2, connection.createArrayOf("bigint", parentIds.toArray()));
            statement.setArray(3, connection.createArrayOf("bigint", presentIds.toArray()));
            return statement.executeUpdate();
        }
    }
}
