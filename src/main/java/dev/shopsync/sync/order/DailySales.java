package dev.shopsync.sync.order;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.PersistenceFailure;

/**
 * Keeps {@code order_daily} in step with {@code orders}: the order writer marks the days of the orders it touched
 * ({@link #markOrders}, in its own transaction) and {@link #recompute}, run when an order slice ends, rebuilds those
 * days from the orders and names their months ({@link Entity#orderMonth}) as changed, so cached answers over them are
 * built again. Readers never compute an aggregate.
 *
 * <p>A day is the UTC date of an order's {@code created_at}; every figure is in shop currency, and refunds count on
 * the day of their order (so a day's row is a function of its own orders only):
 * <ul>
 * <li>{@code orders}: live ({@code deleted_at IS NULL}), non-test orders; cancelled ones count, their refunds
 * take them out of net sales</li>
 * <li>{@code gross_sales}: sum of {@code subtotal_price}, Shopify's subtotal: line items after discounts, before
 * shipping, taxes and refunds</li>
 * <li>{@code refunds}: sum of the {@code subtotal} of the live refund lines of live refunds: merchandise returned,
 * before tax, so that it is measured like gross sales (refunded shipping and taxes are not sales)</li>
 * <li>{@code net_sales}: {@code gross_sales - refunds}</li>
 * <li>{@code units}: sum of the ordered {@code quantity} of the live line items (returns do not lower it)</li>
 * </ul>
 */
@ApplicationScoped
public class DailySales {

    // ON CONFLICT DO UPDATE, not DO NOTHING: it locks an existing mark until the order write commits, so a recompute
    // (FOR UPDATE SKIP LOCKED) cannot take that mark and aggregate without the write it stands for.
    private static final String MARK_ORDERS = "INSERT INTO order_day_dirty (shop_id, day) "
            + "SELECT DISTINCT shop_id, (created_at AT TIME ZONE 'UTC')::date FROM orders "
            + "WHERE shop_id = ? AND id = ANY(?) AND created_at IS NOT NULL "
            + "ON CONFLICT (shop_id, day) DO UPDATE SET marked_at = now()";

    private static final String TAKE = """
            DELETE FROM order_day_dirty WHERE (shop_id, day) IN (
                SELECT shop_id, day FROM order_day_dirty WHERE shop_id = ?
                ORDER BY day FOR UPDATE SKIP LOCKED LIMIT ?)
            RETURNING day
            """;

    private static final String UPSERT = """
            WITH days AS (SELECT unnest(?::date[]) AS day),
            day_orders AS (
                SELECT d.day, o.id, o.subtotal_price
                FROM days d
                JOIN orders o ON o.shop_id = ?
                             AND o.created_at >= d.day::timestamp AT TIME ZONE 'UTC'
                             AND o.created_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'
                             AND o.deleted_at IS NULL AND o.test IS NOT TRUE),
            totals AS (
                SELECT d.day, count(*) AS orders, coalesce(sum(d.subtotal_price), 0) AS gross_sales,
                       coalesce(sum(u.units), 0) AS units, coalesce(sum(r.refunds), 0) AS refunds
                FROM day_orders d
                LEFT JOIN LATERAL (
                    SELECT sum(li.quantity) AS units FROM order_line_item li
                    WHERE li.shop_id = ? AND li.order_id = d.id AND li.deleted_at IS NULL) u ON true
                LEFT JOIN LATERAL (
                    SELECT sum(rl.subtotal) AS refunds FROM order_refund_line_item rl
                    JOIN order_refund rf ON rf.shop_id = rl.shop_id AND rf.id = rl.refund_id
                                        AND rf.deleted_at IS NULL
                    WHERE rl.shop_id = ? AND rl.order_id = d.id AND rl.deleted_at IS NULL) r ON true
                GROUP BY d.day)
            INSERT INTO order_daily (shop_id, day, orders, gross_sales, net_sales, units, refunds, computed_at)
            SELECT ?, day, orders, gross_sales, gross_sales - refunds, units, refunds, now() FROM totals
            ON CONFLICT (shop_id, day) DO UPDATE SET orders = excluded.orders, gross_sales = excluded.gross_sales,
                net_sales = excluded.net_sales, units = excluded.units, refunds = excluded.refunds,
                computed_at = excluded.computed_at
            """;

    /** Days that no longer have an order keep no row (the upsert above wrote every day that has one). */
    private static final String DROP_EMPTY = """
            DELETE FROM order_daily od WHERE od.shop_id = ? AND od.day = ANY(?::date[])
              AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.shop_id = od.shop_id
                              AND o.created_at >= od.day::timestamp AT TIME ZONE 'UTC'
                              AND o.created_at < (od.day + 1)::timestamp AT TIME ZONE 'UTC'
                              AND o.deleted_at IS NULL AND o.test IS NOT TRUE)
            """;

    private final DataSource dataSource;
    private final Changes changes;

    public DailySales(DataSource dataSource, Changes changes) {
        this.dataSource = dataSource;
        this.changes = changes;
    }

    /** Marks the days of these (already written) orders, in the caller's transaction, the one that changes them. */
    void markOrders(Connection connection, long shopId, Collection<Long> orderIds) throws SQLException {
        if (orderIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_ORDERS)) {
            statement.setLong(1, shopId);
            statement.setArray(2, connection.createArrayOf("bigint", orderIds.toArray()));
            statement.executeUpdate();
        }
    }

    /**
     * Takes up to {@code maxDays} of the shop's dirty days (skipping those another recompute or an uncommitted order
     * write holds) and rebuilds their rows, in one transaction.
     *
     * @return the days recomputed, oldest first
     */
    @Transactional
    public List<LocalDate> recompute(long shopId, int maxDays) {
        try (Connection connection = dataSource.getConnection()) {
            List<LocalDate> days = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(TAKE)) {
                statement.setLong(1, shopId);
                statement.setInt(2, maxDays);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        days.add(row.getDate(1).toLocalDate());
                    }
                }
            }
            if (days.isEmpty()) {
                return days;
            }
            days.sort(null);
            Array dates = dates(connection, days);
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                statement.setArray(1, dates);
                statement.setLong(2, shopId);
                statement.setLong(3, shopId);
                statement.setLong(4, shopId);
                statement.setLong(5, shopId);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(DROP_EMPTY)) {
                statement.setLong(1, shopId);
                statement.setArray(2, dates);
                statement.executeUpdate();
            }
            changes.record(shopId, Entity.Kind.ORDER_MONTH,
                    days.stream().map(day -> Entity.orderMonth(day).id()).distinct().toList());
            return days;
        } catch (SQLException e) {
            throw new PersistenceFailure("recomputing the daily sales of shop " + shopId, e);
        }
    }

    /** ISO dates as a text array, cast to date[] by the statements: no time zone is involved anywhere. */
    private static Array dates(Connection connection, Collection<LocalDate> days) throws SQLException {
        return connection.createArrayOf("text", days.stream().map(LocalDate::toString).toArray());
    }
}
