package dev.shopsync.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.Answerable;
import dev.shopsync.change.Entity;

/**
 * {@code GET /shops/{shop}/customers/{id}/orders?first=&after=}: one page of a live customer's live orders, newest
 * first ({@code created_at DESC, id DESC}). The cursor is the last order's (created_at in epoch microseconds, id).
 * No personal data: the customer is named by id only.
 */
public final class CustomerOrdersAnswer implements Answerable {

    static final PageCursor CURSOR = new PageCursor("o");

    // Dependencies: the customer row (CUSTOMER: it may be deleted), which orders it has in which order
    // (CUSTOMER_ORDERS) and the fields shown of each order on the page (ORDER, the second column). Shopify's
    // Order.createdAt is never null, so orders without one (none) are not listed rather than sorted somewhere.
    private static final String PAGE = """
            WITH args AS (SELECT ?::bigint AS shop_id, ?::bigint AS customer_id, ?::bigint AS after_micros,
                                 ?::bigint AS after_id, ?::int AS first),
            live AS (
                SELECT o.id, o.name, o.created_at, o.processed_at, o.financial_status, o.fulfillment_status,
                       o.total_price, o.currency_code, o.cancelled_at
                FROM args a
                JOIN orders o ON o.shop_id = a.shop_id AND o.customer_id = a.customer_id AND o.deleted_at IS NULL
                             AND o.created_at IS NOT NULL
                WHERE a.after_micros IS NULL
                   OR (o.created_at, o.id) < (timestamptz 'epoch' + a.after_micros * interval '1 microsecond',
                                              a.after_id)
                ORDER BY o.created_at DESC, o.id DESC
                LIMIT (SELECT first + 1 FROM args)),
            shown AS (SELECT * FROM live ORDER BY created_at DESC, id DESC LIMIT (SELECT first FROM args)),
            tail AS (SELECT created_at, id FROM shown ORDER BY created_at, id LIMIT 1)
            SELECT json_build_object(
                       'customer', json_build_object('id', c.id),
                       'orders', coalesce((
                           SELECT json_agg(json_build_object(
                                      'id', s.id, 'name', s.name, 'created_at', s.created_at,
                                      'processed_at', s.processed_at, 'financial_status', s.financial_status,
                                      'fulfillment_status', s.fulfillment_status, 'total_price', s.total_price,
                                      'currency_code', s.currency_code, 'cancelled_at', s.cancelled_at)
                                      ORDER BY s.created_at DESC, s.id DESC)
                           FROM shown s), '[]'::json),
                       'page_info', json_build_object(
                           'has_next_page', (SELECT count(*) FROM live) > (SELECT first FROM args),
                           'end_cursor', (SELECT %s FROM tail)))::text,
                   ARRAY(SELECT id FROM shown)
            FROM customer c
            WHERE c.shop_id = (SELECT shop_id FROM args) AND c.id = (SELECT customer_id FROM args)
              AND c.deleted_at IS NULL
            """.formatted(CURSOR.sql("(extract(epoch FROM tail.created_at) * 1000000)::bigint || '.' || tail.id"));

    private final long shopId;
    private final long customerId;
    private final Page page;
    private final Long afterMicros;
    private final Long afterId;

    /** @throws BadReadRequest when the page's cursor is not an order cursor */
    public CustomerOrdersAnswer(long shopId, long customerId, Page page) {
        this.shopId = shopId;
        this.customerId = customerId;
        this.page = page;
        if (page.after() == null) {
            this.afterMicros = null;
            this.afterId = null;
        } else {
            String[] parts = CURSOR.decode(page.after()).split("\\.", -1);
            try {
                if (parts.length != 2) {
                    throw PageCursor.invalid();
                }
                this.afterMicros = Long.parseLong(parts[0]);
                this.afterId = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                throw PageCursor.invalid();
            }
        }
    }

    @Override
    public long shopId() {
        return shopId;
    }

    @Override
    public String key() {
        return "customer-orders:" + customerId + ":" + page.keyPart();
    }

    @Override
    public Answer build(Connection connection) throws SQLException {
        Set<Entity> dependsOn = new HashSet<>();
        dependsOn.add(Entity.of(Entity.Kind.CUSTOMER, customerId));
        dependsOn.add(Entity.of(Entity.Kind.CUSTOMER_ORDERS, customerId));
        try (PreparedStatement statement = connection.prepareStatement(PAGE)) {
            statement.setLong(1, shopId);
            statement.setLong(2, customerId);
            statement.setObject(3, afterMicros, java.sql.Types.BIGINT);
            statement.setObject(4, afterId, java.sql.Types.BIGINT);
            statement.setInt(5, page.first());
            return JsonRow.answer(statement, "customer", dependsOn, Entity.Kind.ORDER);
        }
    }
}
