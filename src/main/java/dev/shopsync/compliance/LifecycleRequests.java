package dev.shopsync.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.PersistenceFailure;

/**
 * The {@code shop_lifecycle_request} table: app/uninstalled and shop/redact deliveries recorded as requests by the
 * webhook, decided by a {@code lifecycle} slice once Shopify has confirmed them, and kept as the audit trail.
 * Each method is one statement, so each is its own transaction.
 */
@ApplicationScoped
public class LifecycleRequests {

    private final DataSource dataSource;

    public LifecycleRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a request, unless one of the same kind is already open for the shop (a replay or a retry joins it).
     *
     * @return whether a new request was recorded
     */
    public boolean record(long shopId, String kind, String eventId) {
        return update("INSERT INTO shop_lifecycle_request (shop_id, kind, event_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (shop_id, kind) WHERE status IN ('pending', 'erasing') DO NOTHING", "recording a " + kind
                + " request", shopId, kind, eventId) == 1;
    }

    /** The shop's open requests, oldest first. */
    public List<LifecycleRequest> open(long shopId) {
        List<LifecycleRequest> open = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT id, shop_id, kind, status, "
                        + "received_at, rows_erased FROM shop_lifecycle_request WHERE shop_id = ? "
                        + "AND status IN ('pending', 'erasing') ORDER BY id")) {
            statement.setLong(1, shopId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    open.add(new LifecycleRequest(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                            row.getTimestamp(5).toInstant(), row.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading lifecycle requests of shop " + shopId, e);
        }
        return open;
    }

    /** Ids of the shops with an open request (the planner queues a lifecycle slice for each). */
    public Set<Long> shopsWithOpenRequests() {
        Set<Long> shops = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT shop_id FROM "
                        + "shop_lifecycle_request WHERE status IN ('pending', 'erasing')");
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                shops.add(row.getLong(1));
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading open lifecycle requests", e);
        }
        return shops;
    }

    /** Shopify confirmed the request ({@code confirmed}), or it starts erasing ({@code erasing}). */
    public void decide(long requestId, String status) {
        update("UPDATE shop_lifecycle_request SET status = ?, decided_at = now(), reason = NULL WHERE id = ?",
                "deciding lifecycle request " + requestId, status, requestId);
    }

    /** Shopify's answer says the request does not hold (the shop is installed): nothing was done. */
    public void refuse(long requestId, String reason) {
        update("UPDATE shop_lifecycle_request SET status = 'refused', decided_at = now(), completed_at = now(), "
                + "reason = ? WHERE id = ?", "refusing lifecycle request " + requestId, reason, requestId);
    }

    /** Still undecided (Shopify or the token's secret could not be asked): why, for {@code /status} and people. */
    public void postpone(long requestId, String reason) {
        update("UPDATE shop_lifecycle_request SET reason = ? WHERE id = ?", "postponing lifecycle request "
                + requestId, reason, requestId);
    }

    public void erased(long requestId, long rows) {
        update("UPDATE shop_lifecycle_request SET rows_erased = rows_erased + ? WHERE id = ?",
                "counting erased rows of request " + requestId, rows, requestId);
    }

    public void done(long requestId) {
        update("UPDATE shop_lifecycle_request SET status = 'done', completed_at = now() WHERE id = ?",
                "completing lifecycle request " + requestId, requestId);
    }

    private int update(String sql, String what, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceFailure(what, e);
        }
    }
}
