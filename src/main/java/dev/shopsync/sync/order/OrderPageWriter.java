package dev.shopsync.sync.order;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.ChildSet;
import dev.shopsync.persistence.ChildRows;
import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.persistence.PositionRenumber;
import dev.shopsync.sync.PageWriter;

/**
 * Writes a page of orders and all their children in one transaction: upsert the orders (monotonic guard), then,
 * for the orders that were applied only, upsert each child table and soft-delete the children those orders no
 * longer have (identity-less tax lines and discount applications are replaced). Two to three set-based
 * statements per table whatever the page size: no statement per order or per line.
 */
@ApplicationScoped
public class OrderPageWriter extends PageWriter<OrderRow> {

    /** Child tables with Shopify ids, soft-deleted with their order by reconciliation. */
    private static final String[] IDENTIFIED_CHILDREN = {"order_line_item", "order_shipping_line", "order_refund",
        "order_refund_line_item", "order_fulfillment", "order_fulfillment_line_item", "order_transaction"};

    private final PositionRenumber lineItemPositions = new PositionRenumber("order_line_item", "order_id", "id", true);
    private final BulkUpsert<OrderRow> orders;
    private final List<ChildSet<OrderChildren, ?>> children = new ArrayList<>();
    private final BulkUpsert<OrderChildren.LineItem> lineItems;
    private final BulkUpsert<OrderChildren.ShippingLine> shippingLines;
    private final ChildRows<OrderChildren.TaxLine> taxLines;
    private final ChildRows<OrderChildren.DiscountApplication> discounts;

    private static final String CUSTOMERS_OF = "SELECT DISTINCT customer_id FROM orders WHERE shop_id = ? "
            + "AND id = ANY(?) AND customer_id IS NOT NULL";

    private final DailySales dailySales;

    public OrderPageWriter(DataSource dataSource, Changes changes, DailySales dailySales) {
        super(dataSource, new IdReconciler("orders", identifiedChildren()), "orders", changes, Entity.Kind.ORDER);
        this.dailySales = dailySales;
        this.orders = BulkUpsert.<OrderRow>into("orders")
                .column("id", "bigint", OrderRow::id)
                .column("gid", "text", OrderRow::gid)
                .column("name", "text", OrderRow::name)
                .column("email", "text", OrderRow::email)
                .column("customer_id", "bigint", OrderRow::customerId)
                .column("currency_code", "text", OrderRow::currencyCode)
                .column("presentment_currency_code", "text", OrderRow::presentmentCurrencyCode)
                .column("financial_status", "text", OrderRow::financialStatus)
                .column("fulfillment_status", "text", OrderRow::fulfillmentStatus)
                .column("total_price", "numeric", OrderRow::totalPrice)
                .column("subtotal_price", "numeric", OrderRow::subtotalPrice)
                .column("total_shipping", "numeric", OrderRow::totalShipping)
                .column("total_tax", "numeric", OrderRow::totalTax)
                .column("total_discounts", "numeric", OrderRow::totalDiscounts)
                .column("total_refunded", "numeric", OrderRow::totalRefunded)
                .column("current_total_price", "numeric", OrderRow::currentTotalPrice)
                .column("line_items_quantity", "integer", OrderRow::lineItemsQuantity)
                .column("fully_paid", "boolean", OrderRow::fullyPaid)
                .column("test", "boolean", OrderRow::test)
                .column("cancel_reason", "text", OrderRow::cancelReason)
                .column("source_name", "text", OrderRow::sourceName)
                .textList("tags", OrderRow::tags)
                .column("created_at", "timestamptz", OrderRow::createdAt)
                .column("processed_at", "timestamptz", OrderRow::processedAt)
                .column("updated_at", "timestamptz", OrderRow::updatedAt)
                .column("closed_at", "timestamptz", OrderRow::closedAt)
                .column("cancelled_at", "timestamptz", OrderRow::cancelledAt)
                .column("raw", "jsonb", OrderRow::raw)
                .guardedBy("updated_at")
                // GraphQL always has them; orders/* payloads do not
                .keepStoredWhenNull("total_refunded", "fully_paid")
                .build();
        this.lineItems = BulkUpsert.<OrderChildren.LineItem>into("order_line_item")
                .column("id", "bigint", OrderChildren.LineItem::id)
                .column("order_id", "bigint", OrderChildren.LineItem::orderId)
                .column("gid", "text", OrderChildren.LineItem::gid)
                .column("position", "integer", OrderChildren.LineItem::position)
                .column("product_id", "bigint", OrderChildren.LineItem::productId)
                .column("variant_id", "bigint", OrderChildren.LineItem::variantId)
                .column("title", "text", OrderChildren.LineItem::title)
                .column("sku", "text", OrderChildren.LineItem::sku)
                .column("quantity", "integer", OrderChildren.LineItem::quantity)
                .column("current_quantity", "integer", OrderChildren.LineItem::currentQuantity)
                .column("unfulfilled_quantity", "integer", OrderChildren.LineItem::unfulfilledQuantity)
                .column("requires_shipping", "boolean", OrderChildren.LineItem::requiresShipping)
                .column("taxable", "boolean", OrderChildren.LineItem::taxable)
                .column("original_unit_price", "numeric", OrderChildren.LineItem::originalUnitPrice)
                .column("discounted_unit_price", "numeric", OrderChildren.LineItem::discountedUnitPrice)
                .column("currency_code", "text", OrderChildren.LineItem::currencyCode)
                .column("raw", "jsonb", OrderChildren.LineItem::raw)
                .build();
        children.add(new ChildSet<>(lineItems, "order_line_item", "order_id", OrderChildren::lineItems,
                OrderChildren.LineItem::id));
        this.shippingLines = BulkUpsert.<OrderChildren.ShippingLine>into("order_shipping_line")
                .column("id", "bigint", OrderChildren.ShippingLine::id)
                .column("order_id", "bigint", OrderChildren.ShippingLine::orderId)
                .column("gid", "text", OrderChildren.ShippingLine::gid)
                .column("title", "text", OrderChildren.ShippingLine::title)
                .column("code", "text", OrderChildren.ShippingLine::code)
                .column("source", "text", OrderChildren.ShippingLine::source)
                .column("original_price", "numeric", OrderChildren.ShippingLine::originalPrice)
                .column("discounted_price", "numeric", OrderChildren.ShippingLine::discountedPrice)
                .column("currency_code", "text", OrderChildren.ShippingLine::currencyCode)
                .column("raw", "jsonb", OrderChildren.ShippingLine::raw)
                .build();
        children.add(new ChildSet<>(shippingLines, "order_shipping_line", "order_id", OrderChildren::shippingLines,
                OrderChildren.ShippingLine::id));
        children.add(new ChildSet<>(BulkUpsert.<OrderChildren.Refund>into("order_refund")
                .column("id", "bigint", OrderChildren.Refund::id)
                .column("order_id", "bigint", OrderChildren.Refund::orderId)
                .column("gid", "text", OrderChildren.Refund::gid)
                .column("note", "text", OrderChildren.Refund::note)
                .column("total_refunded", "numeric", OrderChildren.Refund::totalRefunded)
                .column("currency_code", "text", OrderChildren.Refund::currencyCode)
                .column("created_at", "timestamptz", OrderChildren.Refund::createdAt)
                .column("updated_at", "timestamptz", OrderChildren.Refund::updatedAt)
                .build(), "order_refund", "order_id", OrderChildren::refunds, OrderChildren.Refund::id));
        children.add(new ChildSet<>(BulkUpsert.<OrderChildren.RefundLineItem>into("order_refund_line_item")
                .column("id", "bigint", OrderChildren.RefundLineItem::id)
                .column("refund_id", "bigint", OrderChildren.RefundLineItem::refundId)
                .column("order_id", "bigint", OrderChildren.RefundLineItem::orderId)
                .column("line_item_id", "bigint", OrderChildren.RefundLineItem::lineItemId)
                .column("gid", "text", OrderChildren.RefundLineItem::gid)
                .column("quantity", "integer", OrderChildren.RefundLineItem::quantity)
                .column("restock_type", "text", OrderChildren.RefundLineItem::restockType)
                .column("subtotal", "numeric", OrderChildren.RefundLineItem::subtotal)
                .column("currency_code", "text", OrderChildren.RefundLineItem::currencyCode)
                .build(), "order_refund_line_item", "order_id", OrderChildren::refundLineItems,
                OrderChildren.RefundLineItem::id));
        children.add(new ChildSet<>(BulkUpsert.<OrderChildren.Fulfillment>into("order_fulfillment")
                .column("id", "bigint", OrderChildren.Fulfillment::id)
                .column("order_id", "bigint", OrderChildren.Fulfillment::orderId)
                .column("gid", "text", OrderChildren.Fulfillment::gid)
                .column("name", "text", OrderChildren.Fulfillment::name)
                .column("status", "text", OrderChildren.Fulfillment::status)
                .column("display_status", "text", OrderChildren.Fulfillment::displayStatus)
                .column("location_id", "bigint", OrderChildren.Fulfillment::locationId)
                .column("total_quantity", "integer", OrderChildren.Fulfillment::totalQuantity)
                .column("created_at", "timestamptz", OrderChildren.Fulfillment::createdAt)
                .column("updated_at", "timestamptz", OrderChildren.Fulfillment::updatedAt)
                .build(), "order_fulfillment", "order_id", OrderChildren::fulfillments, OrderChildren.Fulfillment::id));
        children.add(new ChildSet<>(BulkUpsert.<OrderChildren.FulfillmentLineItem>into("order_fulfillment_line_item")
                .column("id", "bigint", OrderChildren.FulfillmentLineItem::id)
                .column("fulfillment_id", "bigint", OrderChildren.FulfillmentLineItem::fulfillmentId)
                .column("order_id", "bigint", OrderChildren.FulfillmentLineItem::orderId)
                .column("line_item_id", "bigint", OrderChildren.FulfillmentLineItem::lineItemId)
                .column("gid", "text", OrderChildren.FulfillmentLineItem::gid)
                .column("quantity", "integer", OrderChildren.FulfillmentLineItem::quantity)
                .build(), "order_fulfillment_line_item", "order_id", OrderChildren::fulfillmentLineItems,
                OrderChildren.FulfillmentLineItem::id));
        children.add(new ChildSet<>(BulkUpsert.<OrderChildren.Transaction>into("order_transaction")
                .column("id", "bigint", OrderChildren.Transaction::id)
                .column("order_id", "bigint", OrderChildren.Transaction::orderId)
                .column("gid", "text", OrderChildren.Transaction::gid)
                .column("kind", "text", OrderChildren.Transaction::kind)
                .column("status", "text", OrderChildren.Transaction::status)
                .column("gateway", "text", OrderChildren.Transaction::gateway)
                .column("test", "boolean", OrderChildren.Transaction::test)
                .column("amount", "numeric", OrderChildren.Transaction::amount)
                .column("currency_code", "text", OrderChildren.Transaction::currencyCode)
                .column("created_at", "timestamptz", OrderChildren.Transaction::createdAt)
                .column("processed_at", "timestamptz", OrderChildren.Transaction::processedAt)
                .build(), "order_transaction", "order_id", OrderChildren::transactions, OrderChildren.Transaction::id));
        this.taxLines = ChildRows.<OrderChildren.TaxLine>into("order_tax_line", "order_id")
                .column("order_id", "bigint", OrderChildren.TaxLine::orderId)
                .column("position", "integer", OrderChildren.TaxLine::position)
                .column("title", "text", OrderChildren.TaxLine::title)
                .column("rate", "numeric", OrderChildren.TaxLine::rate)
                .column("price", "numeric", OrderChildren.TaxLine::price)
                .column("currency_code", "text", OrderChildren.TaxLine::currencyCode)
                .column("channel_liable", "boolean", OrderChildren.TaxLine::channelLiable)
                .build();
        this.discounts = ChildRows.<OrderChildren.DiscountApplication>into("order_discount_application", "order_id")
                .column("order_id", "bigint", OrderChildren.DiscountApplication::orderId)
                .column("application_index", "integer", OrderChildren.DiscountApplication::index)
                .column("kind", "text", OrderChildren.DiscountApplication::kind)
                .column("title", "text", OrderChildren.DiscountApplication::title)
                .column("code", "text", OrderChildren.DiscountApplication::code)
                .column("allocation_method", "text", OrderChildren.DiscountApplication::allocationMethod)
                .column("target_selection", "text", OrderChildren.DiscountApplication::targetSelection)
                .column("target_type", "text", OrderChildren.DiscountApplication::targetType)
                .column("value_amount", "numeric", OrderChildren.DiscountApplication::valueAmount)
                .column("value_currency", "text", OrderChildren.DiscountApplication::valueCurrency)
                .column("value_percentage", "numeric", OrderChildren.DiscountApplication::valuePercentage)
                .build();
    }

    private static IdReconciler.Child[] identifiedChildren() {
        IdReconciler.Child[] tables = new IdReconciler.Child[IDENTIFIED_CHILDREN.length + 2];
        for (int i = 0; i < IDENTIFIED_CHILDREN.length; i++) {
            tables[i] = new IdReconciler.Child(IDENTIFIED_CHILDREN[i], "order_id");
        }
        tables[IDENTIFIED_CHILDREN.length] = IdReconciler.Child.removed("order_tax_line", "order_id");
        tables[IDENTIFIED_CHILDREN.length + 1] = IdReconciler.Child.removed("order_discount_application", "order_id");
        return tables;
    }

    @Override
    protected int write(Connection connection, long shopId, List<OrderRow> rows) throws SQLException {
        // an order can move to another customer: both customers' lists change
        Set<Long> customers = new java.util.HashSet<>(related(connection, CUSTOMERS_OF, shopId,
                rows.stream().map(OrderRow::id).toList()));
        Set<Long> applied = orders.execute(connection, shopId, rows);
        changed(shopId, applied);
        dailySales.markOrders(connection, shopId, applied);
        for (OrderRow order : rows) {
            if (applied.contains(order.id()) && order.customerId() != null) {
                customers.add(order.customerId());
            }
        }
        changed(shopId, Entity.Kind.CUSTOMER_ORDERS, customers);
        // an order row without children (from a webhook payload) leaves its stored children as they are
        Map<Long, OrderChildren> written = new LinkedHashMap<>();
        for (OrderRow order : rows) {
            if (applied.contains(order.id()) && order.children() != null) {
                written.put(order.id(), order.children());
            }
        }
        for (ChildSet<OrderChildren, ?> table : children) {
            table.write(connection, shopId, written);
        }
        taxLines.replace(connection, shopId, written.keySet(), flatten(written.values(), OrderChildren::taxLines));
        discounts.replace(connection, shopId, written.keySet(),
                flatten(written.values(), OrderChildren::discounts));
        return applied.size();
    }

    /** A deleted order leaves its customer's list and its day's sales. */
    @Override
    protected void deleting(Connection connection, long shopId, List<Long> ids) throws SQLException {
        dailySales.markOrders(connection, shopId, ids);
        changed(shopId, Entity.Kind.CUSTOMER_ORDERS, related(connection, CUSTOMERS_OF, shopId, ids));
    }

    /** The page statements inside the caller's transaction (a bulk chunk). */
    int writeRows(Connection connection, long shopId, List<OrderRow> rows) throws SQLException {
        return write(connection, shopId, rows);
    }

    /**
     * Adds the children a bulk result sends as lines of their own to orders whose own line (written earlier, with
     * those lists empty) replaced their sets. Line items arrive with their place in the file as position; the
     * touched orders' live lines are then renumbered 1..n in that order, Shopify's order of the connection.
     */
    void addBulkChildren(Connection connection, long shopId, List<OrderChildren.LineItem> lines,
            List<OrderChildren.ShippingLine> shipping, List<OrderChildren.DiscountApplication> applications)
            throws SQLException {
        lineItems.execute(connection, shopId, lines);
        shippingLines.execute(connection, shopId, shipping);
        // their orders' days may have been recomputed between the chunk of the order and this one
        dailySales.markOrders(connection, shopId, lines.stream().map(OrderChildren.LineItem::orderId)
                .distinct().toList());
        discounts.add(connection, shopId, applications);
        lineItemPositions.renumber(connection, shopId,
                lines.stream().map(OrderChildren.LineItem::orderId).collect(Collectors.toSet()));
    }

    private static <T> List<T> flatten(Collection<OrderChildren> orders, Function<OrderChildren, List<T>> list) {
        List<T> all = new ArrayList<>();
        orders.forEach(children -> all.addAll(list.apply(children)));
        return all;
    }

    /** One child table with Shopify ids: upsert what the orders hold, soft-delete what they no longer hold. */
}
