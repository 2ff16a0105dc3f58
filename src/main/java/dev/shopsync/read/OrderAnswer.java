package dev.shopsync.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.Answerable;
import dev.shopsync.change.Entity;

/**
 * {@code GET /shops/{shop}/orders/{id}}: a live order's columns with its customer, line items, refunds (with their
 * lines) and fulfillments (with their lines). One statement builds the JSON.
 *
 * <p>Personal data: only typed columns are served, never {@code raw}. The order's e-mail and the customer's name and
 * e-mail are served only while neither the order nor the customer has been redacted (customers/redact) and the
 * customer is not deleted: redaction nulls those columns, but a later sync of the same order could write the e-mail
 * back, and an answer must not depend on that never happening.
 */
public final class OrderAnswer implements Answerable {

    /** When an order's and its customer's personal data may be served (for {@code orders o LEFT JOIN customer c}). */
    static final String PERSONAL_DATA_SERVABLE =
            "(o.redacted_at IS NULL AND c.redacted_at IS NULL AND c.deleted_at IS NULL)";

    // Dependencies: the order and all its children (ORDER) and, when it names one, the customer row whose state
    // (redacted, deleted) and names are served (CUSTOMER, the second column).
    private static final String ORDER = """
            SELECT json_build_object(
                       'id', o.id, 'name', o.name,
                       'email', CASE WHEN %1$s THEN o.email END,
                       'customer', CASE WHEN o.customer_id IS NOT NULL THEN json_build_object(
                           'id', o.customer_id,
                           'first_name', CASE WHEN %1$s THEN c.first_name END,
                           'last_name', CASE WHEN %1$s THEN c.last_name END,
                           'email', CASE WHEN %1$s THEN c.email END,
                           'redacted', c.redacted_at IS NOT NULL OR o.redacted_at IS NOT NULL) END,
                       'currency_code', o.currency_code, 'presentment_currency_code', o.presentment_currency_code,
                       'financial_status', o.financial_status, 'fulfillment_status', o.fulfillment_status,
                       'total_price', o.total_price, 'subtotal_price', o.subtotal_price,
                       'total_shipping', o.total_shipping, 'total_tax', o.total_tax,
                       'total_discounts', o.total_discounts, 'total_refunded', o.total_refunded,
                       'current_total_price', o.current_total_price, 'line_items_quantity', o.line_items_quantity,
                       'fully_paid', o.fully_paid, 'test', o.test, 'cancel_reason', o.cancel_reason,
                       'source_name', o.source_name, 'tags', coalesce(o.tags, '{}'),
                       'created_at', o.created_at, 'processed_at', o.processed_at, 'updated_at', o.updated_at,
                       'closed_at', o.closed_at, 'cancelled_at', o.cancelled_at,
                       'line_items', coalesce((
                           SELECT json_agg(json_build_object(
                                      'id', li.id, 'position', li.position, 'product_id', li.product_id,
                                      'variant_id', li.variant_id, 'title', li.title, 'sku', li.sku,
                                      'quantity', li.quantity, 'current_quantity', li.current_quantity,
                                      'unfulfilled_quantity', li.unfulfilled_quantity,
                                      'requires_shipping', li.requires_shipping, 'taxable', li.taxable,
                                      'original_unit_price', li.original_unit_price,
                                      'discounted_unit_price', li.discounted_unit_price,
                                      'currency_code', li.currency_code) ORDER BY li.position, li.id)
                           FROM order_line_item li
                           WHERE li.shop_id = o.shop_id AND li.order_id = o.id AND li.deleted_at IS NULL),
                           '[]'::json),
                       'refunds', coalesce((
                           SELECT json_agg(json_build_object(
                                      'id', r.id, 'note', r.note, 'total_refunded', r.total_refunded,
                                      'currency_code', r.currency_code, 'created_at', r.created_at,
                                      'line_items', coalesce((
                                          SELECT json_agg(json_build_object(
                                                     'id', rl.id, 'line_item_id', rl.line_item_id,
                                                     'quantity', rl.quantity, 'restock_type', rl.restock_type,
                                                     'subtotal', rl.subtotal) ORDER BY rl.id)
                                          FROM order_refund_line_item rl
                                          WHERE rl.shop_id = r.shop_id AND rl.order_id = r.order_id
                                            AND rl.refund_id = r.id AND rl.deleted_at IS NULL), '[]'::json))
                                      ORDER BY r.created_at, r.id)
                           FROM order_refund r
                           WHERE r.shop_id = o.shop_id AND r.order_id = o.id AND r.deleted_at IS NULL), '[]'::json),
                       'fulfillments', coalesce((
                           SELECT json_agg(json_build_object(
                                      'id', f.id, 'name', f.name, 'status', f.status,
                                      'display_status', f.display_status, 'location_id', f.location_id,
                                      'total_quantity', f.total_quantity, 'created_at', f.created_at,
                                      'updated_at', f.updated_at,
                                      'line_items', coalesce((
                                          SELECT json_agg(json_build_object(
                                                     'id', fl.id, 'line_item_id', fl.line_item_id,
                                                     'quantity', fl.quantity) ORDER BY fl.id)
                                          FROM order_fulfillment_line_item fl
                                          WHERE fl.shop_id = f.shop_id AND fl.order_id = f.order_id
                                            AND fl.fulfillment_id = f.id AND fl.deleted_at IS NULL), '[]'::json))
                                      ORDER BY f.created_at, f.id)
                           FROM order_fulfillment f
                           WHERE f.shop_id = o.shop_id AND f.order_id = o.id AND f.deleted_at IS NULL), '[]'::json)
                   )::text,
                   o.customer_id
            FROM orders o
            LEFT JOIN customer c ON c.shop_id = o.shop_id AND c.id = o.customer_id
            WHERE o.shop_id = ? AND o.id = ? AND o.deleted_at IS NULL
            """.formatted(PERSONAL_DATA_SERVABLE);

    private final long shopId;
    private final long orderId;

    public OrderAnswer(long shopId, long orderId) {
        this.shopId = shopId;
        this.orderId = orderId;
    }

    @Override
    public long shopId() {
        return shopId;
    }

    @Override
    public String key() {
        return "order:" + orderId;
    }

    @Override
    public Answer build(Connection connection) throws SQLException {
        Set<Entity> dependsOn = new HashSet<>();
        dependsOn.add(Entity.of(Entity.Kind.ORDER, orderId));
        try (PreparedStatement statement = connection.prepareStatement(ORDER)) {
            statement.setLong(1, shopId);
            statement.setLong(2, orderId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Answer.notFound("order", dependsOn);
                }
                long customer = row.getLong(2);
                if (!row.wasNull()) {
                    dependsOn.add(Entity.of(Entity.Kind.CUSTOMER, customer));
                }
                return Answer.found(row.getString(1), dependsOn);
            }
        }
    }
}
