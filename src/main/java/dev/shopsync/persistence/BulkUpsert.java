package dev.shopsync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * One set-based upsert of many rows into a table keyed {@code (shop_id, id)}: the rows travel as parallel
 * {@code text[]} arrays through {@code unnest} (one round trip whatever the page size) and are cast to the
 * column types in SQL. With a guard column, a stored row is only replaced by one whose guard value is not
 * older (webhooks and retries arrive late and out of order); a replaced row is no longer soft-deleted.
 * Returns the ids that were inserted or replaced.
 *
 * @param <T> the row type
 */
public final class BulkUpsert<T> {

    /** One column: its name, the SQL type its text is cast to, and how to read it from a row. */
    public record Column<T>(String name, String sqlType, Function<T, Object> value) {
    }

    private final String sql;
    private final List<Column<T>> columns;

    private BulkUpsert(String table, List<Column<T>> columns, String guardColumn, Set<String> keptWhenNull) {
        this.columns = List.copyOf(columns);
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String casts = columns.stream().map(BulkUpsert::cast).collect(Collectors.joining(", "));
        String arrays = columns.stream().map(c -> "?::text[]").collect(Collectors.joining(", "));
        String updates = columns.stream().filter(c -> !c.name().equals("id"))
                .map(c -> c.name() + " = " + (keptWhenNull.contains(c.name())
                        ? "coalesce(excluded." + c.name() + ", t." + c.name() + ")" : "excluded." + c.name()))
                .collect(Collectors.joining(", "));
        String guard = guardColumn == null ? "" : " WHERE excluded." + guardColumn + " >= t." + guardColumn;
        this.sql = "INSERT INTO " + table + " AS t (shop_id, " + names + ", deleted_at, synced_at) "
                + "SELECT ?, " + casts + ", NULL, now() FROM unnest(" + arrays + ") AS u(" + names + ") "
                + "ON CONFLICT (shop_id, id) DO UPDATE SET " + updates
                + ", deleted_at = NULL, synced_at = excluded.synced_at" + guard + " RETURNING t.id";
    }

    public static <T> Builder<T> into(String table) {
        return new Builder<>(table);
    }

    public Set<Long> execute(Connection connection, long shopId, List<T> rows) throws SQLException {
        Set<Long> applied = new HashSet<>();
        if (rows.isEmpty()) {
            return applied;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            int index = 2;
            for (Column<T> column : columns) {
                Object[] values = new Object[rows.size()];
                for (int i = 0; i < values.length; i++) {
                    Object value = column.value().apply(rows.get(i));
                    values[i] = value == null ? null : value.toString();
                }
                statement.setArray(index++, connection.createArrayOf("text", values));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    applied.add(result.getLong(1));
                }
            }
        }
        return applied;
    }

    /** The statement, for logs and tests. */
    public String sql() {
        return sql;
    }

    private static String jsonArray(List<String> values) {
        if (values == null) {
            return null;
        }
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(encoder.quoteAsString(value)).append('"');
        }
        return json.append(']').toString();
    }

    private static String cast(Column<?> column) {
        if (column.sqlType().equals("text[]")) {
            // lists travel as JSON text: unnest would flatten a two-dimensional array
            return "ARRAY(SELECT jsonb_array_elements_text(u." + column.name() + "::jsonb))";
        }
        return column.sqlType().equals("text") ? "u." + column.name() : "u." + column.name() + "::" + column.sqlType();
    }

    /** Collects the columns of one table; {@code id} must be one of them. */
    public static final class Builder<T> {
        private final String table;
        private final List<Column<T>> columns = new ArrayList<>();
        private String guard;
        private final Set<String> keptWhenNull = new HashSet<>();

        private Builder(String table) {
            this.table = table;
        }

        public Builder<T> column(String name, String sqlType, Function<T, Object> value) {
            columns.add(new Column<>(name, sqlType, value));
            return this;
        }

        /** A {@code text[]} column (tags, …): the list travels as JSON text, a null list as SQL null. */
        public Builder<T> textList(String name, Function<T, List<String>> values) {
            return column(name, "text[]", row -> jsonArray(values.apply(row)));
        }

        /** Only replace a stored row when this column of the incoming row is not older. */
        public Builder<T> guardedBy(String column) {
            this.guard = column;
            return this;
        }

        /**
         * Columns some writers cannot know (a webhook payload lacks them): a null there keeps the stored value
         * instead of erasing it. Only for columns the full source never sends as null.
         */
        public Builder<T> keepStoredWhenNull(String... names) {
            keptWhenNull.addAll(List.of(names));
            return this;
        }

        public BulkUpsert<T> build() {
            if (columns.stream().noneMatch(c -> c.name().equals("id"))) {
                throw new IllegalStateException(table + ": an upsert needs the id column");
            }
            return new BulkUpsert<>(table, columns, guard, Set.copyOf(keptWhenNull));
        }
    }
}
