package dev.shopsync.sync.order;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.bulk.BulkLine;
import dev.shopsync.bulk.BulkLineRoutes;
import dev.shopsync.bulk.BulkQueries;
import dev.shopsync.bulk.BulkResource;

/**
 * Orders from a bulk result. An order line is written like a page row whose line items, shipping lines and
 * discounts are empty (replacing those sets), and the child lines that follow are added to it. Refund and
 * fulfillment line items cannot be in a bulk query (a connection inside a list): those sets are left as stored,
 * and orders that have refunds or fulfillments are handed back to be re-read whole.
 */
@ApplicationScoped
public class OrderBulkLines implements BulkResource {

    private static final BulkQueries QUERIES = new BulkQueries(OrderSyncer.RESOURCE, "orders",
            "OrdersBulk", Optional.of("OrdersOldest"));

    private final OrderSyncer syncer;
    private final OrderPageWriter writer;

    public OrderBulkLines(OrderSyncer syncer, OrderPageWriter writer) {
        this.syncer = syncer;
        this.writer = writer;
    }

    @Override
    public BulkQueries queries() {
        return QUERIES;
    }

    @Override
    public List<Long> write(Connection connection, long shopId, List<BulkLine> lines, long firstLine)
            throws SQLException {
        List<OrderRow> orders = new ArrayList<>();
        List<Long> incomplete = new ArrayList<>();
        List<OrderChildren.LineItem> lineItems = new ArrayList<>();
        List<OrderChildren.ShippingLine> shipping = new ArrayList<>();
        List<OrderChildren.DiscountApplication> discounts = new ArrayList<>();
        BulkLineRoutes.of(OrderSyncer.RESOURCE)
                .root("Order", (line, n) -> {
                    OrderRow row = syncer.rowOf(line.node());
                    OrderChildren inline = row.children();
                    orders.add(row.withChildren(new OrderChildren(List.of(), List.of(), inline.taxLines(),
                            List.of(), inline.refunds(), null, inline.fulfillments(), null, inline.transactions())));
                    if (!inline.refunds().isEmpty() || !inline.fulfillments().isEmpty()) {
                        incomplete.add(row.id());
                    }
                })
                // the file position orders an order's lines; addBulkChildren renumbers them 1..n
                .child("LineItem", (line, n) -> lineItems.add(syncer.lineItem(line.parentId(), Math.toIntExact(n),
                        line.node())))
                .child("ShippingLine", (line, n) -> shipping.add(syncer.shippingLine(line.parentId(), line.node())))
                // discount applications are the only children without an id, whatever their type
                .child(line -> line.id() == 0L, (line, n) -> discounts.add(syncer.discount(line.parentId(),
                        line.node())))
                .route(lines, firstLine);
        writer.writeRows(connection, shopId, orders);
        writer.addBulkChildren(connection, shopId, lineItems, shipping, discounts);
        return incomplete;
    }
}
