package dev.shopsync.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.Answerable;
import dev.shopsync.change.Entity;

/**
 * {@code GET /shops/{shop}/daily-sales?from=&to=}: the precomputed {@code order_daily} rows of an inclusive range of
 * UTC days (see {@link dev.shopsync.sync.order.DailySales} for what each figure means) and their totals. Days without orders have no row and
 * are left out rather than listed as zeros: a year of a quiet shop stays small, and the totals say the same.
 */
public final class DailySalesAnswer implements Answerable {

    static final int MAX_DAYS = 366;

    // Dependencies: the months of the range (ORDER_MONTH yyyymm); a recompute of any day names its month.
    private static final String SALES = """
            WITH args AS (SELECT ?::bigint AS shop_id, ?::date AS from_day, ?::date AS to_day)
            SELECT json_build_object(
                       'from', a.from_day, 'to', a.to_day,
                       'days', coalesce(json_agg(json_build_object(
                                   'day', d.day, 'orders', d.orders, 'gross_sales', d.gross_sales,
                                   'net_sales', d.net_sales, 'units', d.units, 'refunds', d.refunds)
                                   ORDER BY d.day) FILTER (WHERE d.day IS NOT NULL), '[]'::json),
                       'totals', json_build_object(
                                   'orders', coalesce(sum(d.orders), 0),
                                   'gross_sales', coalesce(sum(d.gross_sales), 0),
                                   'net_sales', coalesce(sum(d.net_sales), 0),
                                   'units', coalesce(sum(d.units), 0),
                                   'refunds', coalesce(sum(d.refunds), 0)),
                       'computed_at', max(d.computed_at))::text
            FROM args a
            LEFT JOIN order_daily d ON d.shop_id = a.shop_id AND d.day BETWEEN a.from_day AND a.to_day
            GROUP BY a.from_day, a.to_day
            """;

    private final long shopId;
    private final LocalDate from;
    private final LocalDate to;

    /** @throws BadReadRequest when {@code from} is after {@code to} or the range is longer than 366 days */
    public DailySalesAnswer(long shopId, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new BadReadRequest(400, "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new BadReadRequest(400, "at most " + MAX_DAYS + " days from 'from' to 'to'");
        }
        this.shopId = shopId;
        this.from = from;
        this.to = to;
    }

    @Override
    public long shopId() {
        return shopId;
    }

    @Override
    public String key() {
        return "daily-sales:" + from + ":" + to;
    }

    /** ORDER_MONTH of every month the range touches. */
    Set<Entity> months() {
        Set<Entity> months = new HashSet<>();
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(Entity.orderMonth(month));
        }
        return months;
    }

    @Override
    public Answer build(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SALES)) {
            statement.setLong(1, shopId);
            statement.setObject(2, from);
            statement.setObject(3, to);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return Answer.found(row.getString(1), months());
            }
        }
    }
}
