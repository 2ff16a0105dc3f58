package dev.shopsync.compliance;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.PersistenceFailure;

/**
 * Shopify's mandatory privacy webhooks, applied to what we store: erase a customer's personal data (the
 * columns marked PII in the migrations) and record a data request with the records we hold, each in one
 * transaction. Erasing a whole shop is {@link ShopErasure}'s, in chunks.
 */
@ApplicationScoped
public class PrivacyRequests {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Changes changes;

    public PrivacyRequests(DataSource dataSource, ObjectMapper json, Changes changes) {
        this.dataSource = dataSource;
        this.json = json;
        this.changes = changes;
    }

    /**
     * customers/redact: names, e-mail, phone and the raw node of the customer emptied, their addresses deleted,
     * and the e-mail and raw node of their orders (the given ones and any other order of theirs) emptied.
     *
     * Every cached answer showing the customer's or those orders' data depends on the entities recorded here as
     * erased: after the commit those answers are deleted from the caches.
     *
     * @return customer and order rows redacted
     */
    @Transactional
    public int redactCustomer(long shopId, long customerId, Collection<Long> orderIds) {
        try (Connection connection = dataSource.getConnection()) {
            int rows = update(connection, "UPDATE customer SET first_name = NULL, last_name = NULL, email = NULL, "
                    + "phone = NULL, raw = jsonb_build_object('id', gid, 'redacted', true), redacted_at = now(), "
                    + "synced_at = now() WHERE shop_id = ? AND id = ?", shopId, customerId);
            update(connection, "DELETE FROM customer_address WHERE shop_id = ? AND customer_id = ?", shopId,
                    customerId);
            try (PreparedStatement statement = connection.prepareStatement("UPDATE orders SET email = NULL, "
                    + "raw = jsonb_build_object('id', gid, 'redacted', true), redacted_at = now(), synced_at = now() "
                    + "WHERE shop_id = ? AND (customer_id = ? OR id = ANY(?::bigint[])) RETURNING id")) {
                statement.setLong(1, shopId);
                statement.setLong(2, customerId);
                statement.setArray(3, connection.createArrayOf("bigint", orderIds.toArray()));
                List<Long> orders = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        orders.add(result.getLong(1));
                    }
                }
                rows += orders.size();
                for (Long order : orders) {
                    changes.recordErased(shopId, Entity.of(Entity.Kind.ORDER, order));
                }
            }
            changes.recordErased(shopId, Entity.of(Entity.Kind.CUSTOMER, customerId));
            changes.record(shopId, Entity.of(Entity.Kind.CUSTOMER_ORDERS, customerId));
            return rows;
        } catch (SQLException e) {
            throw new PersistenceFailure("redacting a customer of shop " + shopId, e);
        }
    }

    /** customers/data_request: records the request with the ids of every record we hold about the customer. */
    @Transactional
    public Map<String, List<Long>> recordDataRequest(long shopId, Long dataRequestId, long customerId,
            Collection<Long> ordersRequested) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<Long>> stored = new LinkedHashMap<>();
            stored.put("customer", ids(connection, "SELECT id FROM customer WHERE shop_id = ? AND id = ?", shopId,
                    customerId));
            stored.put("customer_address", ids(connection,
                    "SELECT id FROM customer_address WHERE shop_id = ? AND customer_id = ? ORDER BY id", shopId,
                    customerId));
            Array requested = connection.createArrayOf("bigint", ordersRequested.toArray());
            List<Long> orders = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM orders WHERE shop_id = ? "
                    + "AND (customer_id = ? OR id = ANY(?::bigint[])) ORDER BY id")) {
                statement.setLong(1, shopId);
                statement.setLong(2, customerId);
                statement.setArray(3, requested);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        orders.add(result.getLong(1));
                    }
                }
            }
            stored.put("orders", orders);
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO customer_data_request "
                    + "(shop_id, data_request_id, customer_id, orders_requested, stored_records) "
                    + "VALUES (?, ?, ?, ?::bigint[], ?::jsonb)")) {
                statement.setLong(1, shopId);
                statement.setObject(2, dataRequestId);
                statement.setLong(3, customerId);
                statement.setArray(4, requested);
                statement.setString(5, json.writeValueAsString(stored));
                statement.executeUpdate();
            }
            return stored;
        } catch (SQLException | JsonProcessingException e) {
            throw new PersistenceFailure("recording a data request of shop " + shopId, e);
        }
    }

    private static int update(Connection connection, String sql, long... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setLong(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static List<Long> ids(Connection connection, String sql, long shopId, long id) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            statement.setLong(2, id);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong(1));
                }
            }
        }
        return ids;
    }
}
