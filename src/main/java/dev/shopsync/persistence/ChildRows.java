package dev.shopsync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Child rows without an identity of their own (collection memberships, inventory levels per location): for
 * the parents just written, the stored children are replaced by exactly the ones Shopify returned, in two
 * set-based statements. The parent's guard has already decided which parents may be written.
 *
 * @param <T> the row type
 */
public final class ChildRows<T> {

    private final String delete;
    private final String insert;
    private final List<BulkUpsert.Column<T>> columns;

    private ChildRows(String table, String parentColumn, List<BulkUpsert.Column<T>> columns) {
        this.columns = List.copyOf(columns);
        String names = columns.stream().map(BulkUpsert.Column::name).collect(Collectors.joining(", "));
        String casts = columns.stream().map(c -> "u." + c.name() + "::" + c.sqlType())
                .collect(Collectors.joining(", "));
        String arrays = columns.stream().map(c -> "?::text[]").collect(Collectors.joining(", "));
        this.delete = "DELETE FROM " + table + " WHERE shop_id = ? AND " + parentColumn + " = ANY(?::bigint[])";
        this.insert = "INSERT INTO " + table + " (shop_id, " + names + ", synced_at) SELECT ?, " + casts
                + ", now() FROM unnest(" + arrays + ") AS u(" + names + ")";
    }

    public static <T> Builder<T> into(String table, String parentColumn) {
        return new Builder<>(table, parentColumn);
    }

    public void replace(Connection connection, long shopId, Collection<Long> parentIds, List<T> rows)
            throws SQLException {
        if (parentIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(delete)) {
            statement.setLong(1, shopId);
            statement.setArray(2, connection.createArrayOf("bigint", parentIds.toArray()));
            statement.executeUpdate();
        }
        insert(connection, shopId, rows, insert);
    }

    /**
     * Adds rows to their parents' sets without deleting the rest (a bulk result brings a parent's children one by
     * one, after the parent's own line replaced the set); a row already there is left as it is.
     */
    public void add(Connection connection, long shopId, List<T> rows) throws SQLException {
        insert(connection, shopId, rows, insert + " ON CONFLICT DO NOTHING");
    }

    private void insert(Connection connection, long shopId, List<T> rows, String sql) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            int index = 2;
            for (BulkUpsert.Column<T> column : columns) {
                Object[] values = new Object[rows.size()];
                for (int i = 0; i < values.length; i++) {
                    Object value = column.value().apply(rows.get(i));
                    values[i] = value == null ? null : value.toString();
                }
                statement.setArray(index++, connection.createArrayOf("text", values));
            }
            statement.executeUpdate();
        }
    }

    /** Collects the columns of one child table. */
    public static final class Builder<T> {
        private final String table;
        private final String parentColumn;
        private final List<BulkUpsert.Column<T>> columns = new ArrayList<>();

        private Builder(String table, String parentColumn) {
            this.table = table;
            this.parentColumn = parentColumn;
        }

        public Builder<T> column(String name, String sqlType, Function<T, Object> value) {
            columns.add(new BulkUpsert.Column<>(name, sqlType, value));
            return this;
        }

        public ChildRows<T> build() {
            return new ChildRows<>(table, parentColumn, columns);
        }
    }
}
