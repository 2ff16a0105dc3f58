package dev.shopsync.sync.order;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.bulk.BulkLine;
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
        long lineNumber = firstLine;
        for (BulkLine line : lines) {
            lineNumber++;
            if (line.root()) {
                if (!"Order".equals(line.type())) {
                    throw new IllegalArgumentException("an orders bulk result has a root line of type " + line.type());
                }
                OrderRow row = syncer.rowOf(line.node());
                OrderChildren inline = row.children();
                orders.add(row.withChildren(new OrderChildren(List.of(), List.of(), inline.taxLines(), List.of(),
                        inline.refunds(), null, inline.fulfillments(), null, inline.transactions())));
                if (!inline.refunds().isEmpty() || !inline.fulfillments().isEmpty()) {
                    incomplete.add(row.id());
                }
            } else if ("LineItem".equals(line.type())) {
                // the file position orders an order's lines; addBulkChildren renumbers them 1..n
                lineItems.add(syncer.lineItem(line.parentId(), Math.toIntExact(lineNumber), line.node()));
            } else if ("ShippingLine".equals(line.type())) {
                shipping.add(syncer.shippingLine(line.parentId(), line.node()));
            } else if (line.id() == 0L) {
                discounts.add(syncer.discount(line.parentId(), line.node()));
            } else {
                throw new IllegalArgumentException("an orders bulk result has a child line of type " + line.type());
            }
        }
        writer.writeRows(connection, shopId, orders);
        writer.addBulkChildren(connection, shopId, lineItems, shipping, discounts);
        return incomplete;
    }
}
