package dev.shopsync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Renumbers the children of some parents 1..n in their current position order (ties by id). Bulk results bring
 * children one line at a time, far from their parent; they are written with their place in the file as position and
 * renumbered per parent, which gives Shopify's order of the connection.
 */
public final class PositionRenumber {

    private final String sql;

    /**
     * @param idColumn the child's own key, the tie-break and join column
     * @param liveOnly whether the table soft-deletes (only live children are numbered)
     */
    public PositionRenumber(String table, String parentColumn, String idColumn, boolean liveOnly) {
        this.sql = "UPDATE " + table + " c SET position = r.n FROM (SELECT " + parentColumn + " AS parent, "
                + idColumn + " AS child, row_number() OVER (PARTITION BY " + parentColumn + " ORDER BY position, "
                + idColumn + ") AS n FROM " + table + " WHERE shop_id = ? AND " + parentColumn
                + " = ANY(?::bigint[])" + (liveOnly ? " AND deleted_at IS NULL" : "") + ") r WHERE c.shop_id = ? AND c."
                + parentColumn + " = r.parent AND c." + idColumn + " = r.child AND c.position <> r.n";
    }

    public void renumber(Connection connection, long shopId, Collection<Long> parentIds) throws SQLException {
        if (parentIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            statement.setArray(2, connection.createArrayOf("bigint", parentIds.toArray()));
            statement.setLong(3, shopId);
            statement.executeUpdate();
        }
    }
}
