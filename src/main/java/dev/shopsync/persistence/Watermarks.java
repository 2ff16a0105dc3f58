package dev.shopsync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Where PostgreSQL stands for a table: the newest {@code updated_at} stored for a shop (cursor rebuilds). */
@ApplicationScoped
public class Watermarks {

    /** Table names come from code, never from input; the set makes that explicit. */
    private static final Set<String> TABLES = Set.of("product", "customer", "location", "collection",
            "inventory_item", "orders");

    private final DataSource dataSource;

    public Watermarks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Instant> maxUpdatedAt(String table, long shopId) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("no watermark for table " + table);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT max(updated_at) FROM " + table + " WHERE shop_id = ?")) {
            statement.setLong(1, shopId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Timestamp max = result.getTimestamp(1);
                return Optional.ofNullable(max).map(Timestamp::toInstant);
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading the watermark of " + table, e);
        }
    }
}
