package dev.shopsync.sync.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.persistence.RedactedSqlError;
import dev.shopsync.shopify.Gid;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.NestedList;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncToolkit;
import dev.shopsync.time.Deadline;

/**
 * Orders with every child list complete: line items (600 on a big order), shipping lines and discount
 * applications are connections paged on the order; refund and fulfillment line items are connections paged on
 * each refund and fulfillment; tax lines, refunds, fulfillments and transactions are plain lists Shopify returns
 * whole.
 */
@Singleton
public class OrderSyncer extends GraphQlResourceSyncer<OrderRow> {

    public static final String RESOURCE = "orders";
    /** Most orders have a few lines; the inline size adapts down from here and big orders are paged. */
    private static final int LINE_ITEMS_INLINE = 50;
    private static final ResourceQueries QUERIES = new ResourceQueries("orders", "Order", "OrdersPage", "OrderIds",
            "OrdersByIds", true, true, List.of(
                    new NestedList("lineItems", "lineItemsFirst", LINE_ITEMS_INLINE, "OrderLineItemsPage", "order"),
                    new NestedList("shippingLines", null, 0, "OrderShippingLinesPage", "order"),
                    new NestedList("discountApplications", null, 0, "OrderDiscountApplicationsPage", "order"),
                    new NestedList("refunds.refundLineItems", null, 0, "RefundLineItemsPage", "refund"),
                    new NestedList("fulfillments.fulfillmentLineItems", null, 0, "FulfillmentLineItemsPage",
                            "fulfillment")));
    private static final String[] CHILD_FIELDS = {"lineItems", "shippingLines", "discountApplications", "taxLines",
        "refunds", "fulfillments", "transactions"};

    private static final Logger LOG = Logger.getLogger(OrderSyncer.class);

    /** Days recomputed per transaction: a month, so one short transaction per month of a backfill. */
    private static final int DAYS_PER_RECOMPUTE = 31;

    private final DailySales dailySales;

    public OrderSyncer(OrderPageWriter writer, SyncToolkit toolkit, DailySales dailySales) {
        super(QUERIES, "orders", writer, toolkit);
        this.dailySales = dailySales;
    }

    /** The days whose orders the slice changed get their sales recomputed, before any reader asks for them. */
    @Override
    public void sliceEnded(long shopId, Deadline deadline) {
        try {
            while (!deadline.remaining().isNegative() && !deadline.remaining().isZero()
                    && dailySales.recompute(shopId, DAYS_PER_RECOMPUTE).size() == DAYS_PER_RECOMPUTE) {
                // a backfill can have marked years of days: one month per transaction until done or out of time
            }
        } catch (RuntimeException e) {
            // the marks stay: the next order slice recomputes those days
            LOG.warnf("daily sales of shop %d not recomputed: %s", shopId, RedactedSqlError.describe(e));
        }
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    public Optional<String> destroyEventSubject() {
        return Optional.of("ORDER");
    }

    @Override
    protected OrderRow toRow(long id, JsonNode node) {
        ObjectNode raw = node.deepCopy();
        raw.remove(List.of(CHILD_FIELDS));
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        String customer = textOrNull(node.path("customer").path("id"));
        return new OrderRow(id, node.path("id").asText(), textOrNull(node.path("name")),
                textOrNull(node.path("email")), customer == null ? null : Gid.numericId(customer),
                textOrNull(node.path("currencyCode")), textOrNull(node.path("presentmentCurrencyCode")),
                textOrNull(node.path("displayFinancialStatus")), textOrNull(node.path("displayFulfillmentStatus")),
                amount(node.path("totalPriceSet")), amount(node.path("subtotalPriceSet")),
                amount(node.path("totalShippingPriceSet")), amount(node.path("totalTaxSet")),
                amount(node.path("totalDiscountsSet")), amount(node.path("totalRefundedSet")),
                amount(node.path("currentTotalPriceSet")), integer(node.path("subtotalLineItemsQuantity")),
                bool(node.path("fullyPaid")), bool(node.path("test")), textOrNull(node.path("cancelReason")),
                textOrNull(node.path("sourceName")), tags, instant(node.path("createdAt")),
                instant(node.path("processedAt")), instant(node.path("updatedAt")), instant(node.path("closedAt")),
                instant(node.path("cancelledAt")), json(raw), children(id, node));
    }

    private OrderChildren children(long orderId, JsonNode node) {
        List<OrderChildren.LineItem> lines = new ArrayList<>();
        int position = 1;
        for (JsonNode l : nodesOf(node, "lineItems")) {
            lines.add(lineItem(orderId, position++, l));
        }
        List<OrderChildren.ShippingLine> shipping = new ArrayList<>();
        for (JsonNode s : nodesOf(node, "shippingLines")) {
            shipping.add(shippingLine(orderId, s));
        }
        List<OrderChildren.TaxLine> taxes = new ArrayList<>();
        position = 1;
        for (JsonNode t : node.path("taxLines")) {
            taxes.add(new OrderChildren.TaxLine(orderId, position++, textOrNull(t.path("title")),
                    t.path("rate").isNumber() ? t.path("rate").decimalValue().toPlainString() : null,
                    amount(t.path("priceSet")), currency(t.path("priceSet")), bool(t.path("channelLiable"))));
        }
        List<OrderChildren.DiscountApplication> discounts = new ArrayList<>();
        for (JsonNode d : nodesOf(node, "discountApplications")) {
            discounts.add(discount(orderId, d));
        }
        List<OrderChildren.Refund> refunds = new ArrayList<>();
        List<OrderChildren.RefundLineItem> refundLines = new ArrayList<>();
        for (JsonNode r : node.path("refunds")) {
            long refundId = Gid.numericId(r.path("id").asText());
            JsonNode total = r.path("totalRefundedSet");
            refunds.add(new OrderChildren.Refund(refundId, orderId, r.path("id").asText(), textOrNull(r.path("note")),
                    amount(total), currency(total), instant(r.path("createdAt")), instant(r.path("updatedAt"))));
            for (JsonNode i : nodesOf(r, "refundLineItems")) {
                JsonNode subtotal = i.path("subtotalSet");
                refundLines.add(new OrderChildren.RefundLineItem(Gid.numericId(i.path("id").asText()), refundId,
                        orderId, idOrNull(i.path("lineItem")), i.path("id").asText(), integer(i.path("quantity")),
                        textOrNull(i.path("restockType")), amount(subtotal), currency(subtotal)));
            }
        }
        List<OrderChildren.Fulfillment> fulfillments = new ArrayList<>();
        List<OrderChildren.FulfillmentLineItem> fulfillmentLines = new ArrayList<>();
        for (JsonNode f : node.path("fulfillments")) {
            long fulfillmentId = Gid.numericId(f.path("id").asText());
            fulfillments.add(new OrderChildren.Fulfillment(fulfillmentId, orderId, f.path("id").asText(),
                    textOrNull(f.path("name")), textOrNull(f.path("status")), textOrNull(f.path("displayStatus")),
                    idOrNull(f.path("location")), integer(f.path("totalQuantity")), instant(f.path("createdAt")),
                    instant(f.path("updatedAt"))));
            for (JsonNode i : nodesOf(f, "fulfillmentLineItems")) {
                fulfillmentLines.add(new OrderChildren.FulfillmentLineItem(Gid.numericId(i.path("id").asText()),
                        fulfillmentId, orderId, idOrNull(i.path("lineItem")), i.path("id").asText(),
                        integer(i.path("quantity"))));
            }
        }
        List<OrderChildren.Transaction> transactions = new ArrayList<>();
        for (JsonNode t : node.path("transactions")) {
            JsonNode amount = t.path("amountSet");
            transactions.add(new OrderChildren.Transaction(Gid.numericId(t.path("id").asText()), orderId,
                    t.path("id").asText(), textOrNull(t.path("kind")), textOrNull(t.path("status")),
                    textOrNull(t.path("gateway")), bool(t.path("test")), amount(amount), currency(amount),
                    instant(t.path("createdAt")), instant(t.path("processedAt"))));
        }
        return new OrderChildren(lines, shipping, taxes, discounts, refunds, refundLines, fulfillments,
                fulfillmentLines, transactions);
    }

    /** One line item node; {@code position} is its 1-based place in the order's list. */
    OrderChildren.LineItem lineItem(long orderId, int position, JsonNode l) {
        JsonNode unit = l.path("originalUnitPriceSet");
        return new OrderChildren.LineItem(Gid.numericId(l.path("id").asText()), orderId, l.path("id").asText(),
                position, idOrNull(l.path("product")), idOrNull(l.path("variant")), textOrNull(l.path("title")),
                textOrNull(l.path("sku")), integer(l.path("quantity")), integer(l.path("currentQuantity")),
                integer(l.path("unfulfilledQuantity")), bool(l.path("requiresShipping")), bool(l.path("taxable")),
                amount(unit), amount(l.path("discountedUnitPriceSet")), currency(unit), json(l));
    }

    OrderChildren.ShippingLine shippingLine(long orderId, JsonNode s) {
        JsonNode price = s.path("originalPriceSet");
        return new OrderChildren.ShippingLine(Gid.numericId(s.path("id").asText()), orderId, s.path("id").asText(),
                textOrNull(s.path("title")), textOrNull(s.path("code")), textOrNull(s.path("source")), amount(price),
                amount(s.path("discountedPriceSet")), currency(price), json(s));
    }

    OrderChildren.DiscountApplication discount(long orderId, JsonNode d) {
        JsonNode value = d.path("value");
        return new OrderChildren.DiscountApplication(orderId, d.path("index").asInt(),
                textOrNull(d.path("__typename")), textOrNull(d.path("title")), textOrNull(d.path("code")),
                textOrNull(d.path("allocationMethod")), textOrNull(d.path("targetSelection")),
                textOrNull(d.path("targetType")), textOrNull(value.path("amount")),
                textOrNull(value.path("currencyCode")),
                value.path("percentage").isNumber() ? value.path("percentage").decimalValue().toPlainString() : null);
    }

    /** The shop-currency amount of a MoneyBag, as Shopify's decimal string. */
    private static String amount(JsonNode moneyBag) {
        return textOrNull(moneyBag.path("shopMoney").path("amount"));
    }

    private static String currency(JsonNode moneyBag) {
        return textOrNull(moneyBag.path("shopMoney").path("currencyCode"));
    }

    private static Long idOrNull(JsonNode reference) {
        String gid = textOrNull(reference.path("id"));
        return gid == null ? null : Gid.numericId(gid);
    }

    private static Integer integer(JsonNode value) {
        return value.isNumber() ? value.asInt() : null;
    }
}
