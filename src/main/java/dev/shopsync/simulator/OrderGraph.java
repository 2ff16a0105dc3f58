package dev.shopsync.simulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import graphql.schema.DataFetchingEnvironment;

/**
 * A shop's orders, as of one request, seen through the Admin API: the {@code orders} connection, {@code ordersCount},
 * and order nodes with their children: {@code lineItems}, {@code shippingLines} and {@code discountApplications} (all
 * {@code ManualDiscountApplication}) as connections, {@code taxLines} as a list, and {@code refunds},
 * {@code fulfillments} and {@code transactions} as lists cut at {@code first}, refunds and fulfillments with their
 * line items as connections. Children list in id order; filtered queries see only what the lagging search index
 * has caught up with, as for products.
 */
final class OrderGraph {

    private static final String GATEWAY = "shopify_payments";

    private final CatalogState state;
    private final Predicate<Instant> indexed;
    private final LongFunction<Map<String, Object>> variantNode;
    private final LongFunction<Map<String, Object>> productNode;

    /**
     * @param indexed     whether a row last changed at that instant is visible to search yet
     * @param variantNode the node of a live variant by id, null when it is gone
     * @param productNode the node of a live product by id, null when it is gone
     */
    OrderGraph(CatalogState state, Predicate<Instant> indexed, LongFunction<Map<String, Object>> variantNode,
            LongFunction<Map<String, Object>> productNode) {
        this.state = state;
        this.indexed = indexed;
        this.variantNode = variantNode;
        this.productNode = productNode;
    }

    void addTo(Map<String, Object> root) {
        root.put("orders", (FieldResolver) this::orders);
        root.put("ordersCount", (FieldResolver) this::ordersCount);
    }

    /** The live order's node, or null. */
    Map<String, Object> node(long id) {
        OrderTruth order = state.orders().get(id);
        return order == null ? null : orderNode(order);
    }

    /** The node of a refund of a live order, or null. */
    Map<String, Object> refundNode(long id) {
        for (OrderTruth order : state.orders().values()) {
            for (RefundTruth refund : order.refunds()) {
                if (refund.id() == id) {
                    return refundNode(order, refund);
                }
            }
        }
        return null;
    }

    /** The node of a fulfillment of a live order, or null. */
    Map<String, Object> fulfillmentNode(long id) {
        for (OrderTruth order : state.orders().values()) {
            for (FulfillmentTruth fulfillment : order.fulfillments()) {
                if (fulfillment.id() == id) {
                    return fulfillmentNode(order, fulfillment);
                }
            }
        }
        return null;
    }

    private Object orders(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<OrderTruth> key = SortKey.forOrders(env.getArgument("sortKey"));
        List<OrderTruth> rows = state.ordersSortedBy(key);
        if (query.isFiltered()) {
            rows = rows.stream().filter(o -> indexed.test(o.updatedAt()) && query.matches(o)).toList();
        }
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                this::orderNode);
    }

    private Object ordersCount(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        long count = query.isFiltered()
                ? state.orders().values().stream().filter(o -> indexed.test(o.updatedAt()) && query.matches(o))
                        .count()
                : state.orders().size();
        return ShopGraph.countNode(env, count);
    }

    Map<String, Object> orderNode(OrderTruth o) {
        String currency = o.currencyCode();
        long refunded = 0;
        for (RefundTruth refund : o.refunds()) {
            refunded += OrderGenerator.refundCents(refund);
        }
        long subtotal = 0;
        int quantity = 0;
        for (LineItemTruth line : o.lineItems()) {
            subtotal += OrderGenerator.cents(line.price()) * line.quantity();
            quantity += line.quantity();
        }
        long shipping = 0;
        for (ShippingLineTruth line : o.shippingLines()) {
            shipping += OrderGenerator.cents(line.price());
        }
        long tax = 0;
        for (TaxLineTruth line : o.taxLines()) {
            tax += OrderGenerator.cents(line.price());
        }
        long total = OrderGenerator.cents(o.totalPrice());
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "Order");
        node.put("id", o.gid());
        node.put("legacyResourceId", String.valueOf(o.id()));
        node.put("name", o.name());
        node.put("email", o.email());
        node.put("createdAt", ShopGraph.iso(o.createdAt()));
        node.put("processedAt", ShopGraph.iso(o.createdAt()));
        node.put("updatedAt", ShopGraph.iso(o.updatedAt()));
        node.put("closedAt", ShopGraph.iso(o.closedAt()));
        node.put("cancelledAt", ShopGraph.iso(o.cancelledAt()));
        node.put("cancelReason", o.cancelledAt() == null ? null : "CUSTOMER");
        node.put("closed", o.closedAt() != null);
        node.put("confirmed", true);
        node.put("test", false);
        node.put("tags", List.of());
        node.put("sourceName", "web");
        node.put("currencyCode", currency);
        node.put("presentmentCurrencyCode", currency);
        node.put("displayFinancialStatus", o.displayFinancialStatus());
        node.put("displayFulfillmentStatus", o.displayFulfillmentStatus());
        node.put("fullyPaid", OrderGenerator.paidCents(o.transactions()) >= total);
        node.put("subtotalLineItemsQuantity", quantity);
        node.put("totalPriceSet", moneyBag(o.totalPrice(), currency));
        node.put("currentTotalPriceSet", moneyBag(CatalogGenerator.money(total - refunded), currency));
        node.put("subtotalPriceSet", moneyBag(CatalogGenerator.money(total - shipping - tax), currency));
        node.put("totalShippingPriceSet", moneyBag(CatalogGenerator.money(shipping), currency));
        node.put("totalTaxSet", moneyBag(CatalogGenerator.money(tax), currency));
        node.put("totalDiscountsSet", moneyBag(CatalogGenerator.money(subtotal + shipping + tax - total), currency));
        node.put("totalRefundedSet", moneyBag(CatalogGenerator.money(refunded), currency));
        node.put("customer", (FieldResolver) env -> {
            CustomerTruth customer = o.customerId() == null ? null : state.customers().get(o.customerId());
            return customer == null ? null : CustomerGraph.customerNode(customer);
        });
        node.put("lineItems", (FieldResolver) env -> ConnectionPager.page(env, o.lineItems(),
                SortKey.byId(LineItemTruth::id), reverse(env), line -> lineItemNode(o, line)));
        node.put("shippingLines", (FieldResolver) env -> ConnectionPager.page(env, o.shippingLines(),
                SortKey.byId(ShippingLineTruth::id), reverse(env), line -> shippingLineNode(o, line)));
        node.put("taxLines", o.taxLines().stream().map(t -> taxLineNode(t, currency)).toList());
        node.put("discountApplications", (FieldResolver) env -> ConnectionPager.page(env, o.discountApplications(),
                SortKey.byId(d -> d.index()), reverse(env), d -> discountNode(d, currency)));
        node.put("refunds", (FieldResolver) env -> first(env, o.refunds()).stream().map(r -> refundNode(o, r))
                .toList());
        node.put("fulfillments", (FieldResolver) env -> first(env, o.fulfillments()).stream()
                .map(f -> fulfillmentNode(o, f)).toList());
        node.put("transactions", (FieldResolver) env -> first(env, o.transactions()).stream()
                .map(t -> transactionNode(o, t)).toList());
        return node;
    }

    private Map<String, Object> lineItemNode(OrderTruth o, LineItemTruth l) {
        int refunded = 0;
        for (RefundTruth refund : o.refunds()) {
            for (RefundLineItemTruth item : refund.lineItems()) {
                refunded += item.lineItemId() == l.id() ? item.quantity() : 0;
            }
        }
        int fulfilled = OrderGenerator.fulfilled(o.fulfillments()).getOrDefault(l.id(), 0);
        String currency = o.currencyCode();
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "LineItem");
        node.put("id", l.gid());
        node.put("title", l.title());
        node.put("name", l.title());
        node.put("sku", l.sku());
        node.put("quantity", l.quantity());
        node.put("currentQuantity", l.quantity() - refunded);
        node.put("refundableQuantity", l.quantity() - refunded);
        node.put("unfulfilledQuantity", Math.max(0, l.quantity() - fulfilled));
        node.put("requiresShipping", true);
        node.put("taxable", true);
        node.put("originalUnitPriceSet", moneyBag(l.price(), currency));
        node.put("discountedUnitPriceSet", moneyBag(l.price(), currency));
        node.put("originalTotalSet", moneyBag(CatalogGenerator.money(OrderGenerator.cents(l.price()) * l.quantity()),
                currency));
        node.put("variant", (FieldResolver) env -> l.variantId() == null ? null : variantNode.apply(l.variantId()));
        node.put("product", (FieldResolver) env -> l.productId() == null ? null : productNode.apply(l.productId()));
        return node;
    }

    private static Map<String, Object> shippingLineNode(OrderTruth o, ShippingLineTruth s) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "ShippingLine");
        node.put("id", s.gid());
        node.put("title", s.title());
        node.put("code", s.title());
        node.put("source", "shopify");
        node.put("originalPriceSet", moneyBag(s.price(), o.currencyCode()));
        node.put("discountedPriceSet", moneyBag(s.price(), o.currencyCode()));
        return node;
    }

    private static Map<String, Object> taxLineNode(TaxLineTruth t, String currency) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "TaxLine");
        node.put("title", t.title());
        node.put("rate", Double.parseDouble(t.rate()));
        node.put("ratePercentage", new java.math.BigDecimal(t.rate()).movePointRight(2).doubleValue());
        node.put("priceSet", moneyBag(t.price(), currency));
        node.put("channelLiable", false);
        return node;
    }

    private static Map<String, Object> discountNode(DiscountApplicationTruth d, String currency) {
        Map<String, Object> value = new HashMap<>();
        if (d.isPercentage()) {
            value.put("__typename", "PricingPercentageValue");
            value.put("percentage", Double.parseDouble(d.value().substring(0, d.value().length() - 1)));
        } else {
            value.put("__typename", "MoneyV2");
            value.put("amount", d.value());
            value.put("currencyCode", currency);
        }
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "ManualDiscountApplication");
        node.put("index", d.index());
        node.put("allocationMethod", d.allocationMethod());
        node.put("targetType", d.targetType());
        node.put("targetSelection", "ALL");
        node.put("title", "SHIPPING_LINE".equals(d.targetType()) ? "Free shipping" : "Manual discount");
        node.put("value", value);
        return node;
    }

    private Map<String, Object> refundNode(OrderTruth o, RefundTruth r) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "Refund");
        node.put("id", r.gid());
        node.put("legacyResourceId", String.valueOf(r.id()));
        node.put("createdAt", ShopGraph.iso(r.createdAt()));
        node.put("updatedAt", ShopGraph.iso(r.createdAt()));
        node.put("note", r.note());
        node.put("totalRefundedSet", moneyBag(CatalogGenerator.money(OrderGenerator.refundCents(r)),
                o.currencyCode()));
        node.put("refundLineItems", (FieldResolver) env -> ConnectionPager.page(env, r.lineItems(),
                SortKey.byId(RefundLineItemTruth::id), reverse(env), item -> refundLineItemNode(o, item)));
        node.put("order", (FieldResolver) env -> orderNode(o));
        return node;
    }

    private Map<String, Object> refundLineItemNode(OrderTruth o, RefundLineItemTruth item) {
        LineItemTruth line = lineItem(o, item.lineItemId());
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "RefundLineItem");
        node.put("id", item.gid());
        node.put("quantity", item.quantity());
        node.put("restockType", "NO_RESTOCK");
        node.put("restocked", false);
        node.put("priceSet", moneyBag(line.price(), o.currencyCode()));
        node.put("subtotalSet", moneyBag(item.subtotal(), o.currencyCode()));
        node.put("totalTaxSet", moneyBag("0.00", o.currencyCode()));
        node.put("lineItem", (FieldResolver) env -> lineItemNode(o, line));
        return node;
    }

    private Map<String, Object> fulfillmentNode(OrderTruth o, FulfillmentTruth f) {
        int quantity = 0;
        for (FulfillmentLineItemTruth item : f.lineItems()) {
            quantity += item.quantity();
        }
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "Fulfillment");
        node.put("id", f.gid());
        node.put("legacyResourceId", String.valueOf(f.id()));
        node.put("name", o.name() + "." + (o.fulfillments().indexOf(f) + 1));
        node.put("status", f.status());
        node.put("displayStatus", "CANCELLED".equals(f.status()) ? "CANCELED" : "FULFILLED");
        node.put("createdAt", ShopGraph.iso(f.createdAt()));
        node.put("updatedAt", ShopGraph.iso(f.createdAt()));
        node.put("totalQuantity", quantity);
        node.put("location", (FieldResolver) env -> {
            LocationTruth location = f.locationId() == null ? null : state.locations().get(f.locationId());
            return location == null ? null : LocationGraph.locationNode(location);
        });
        node.put("fulfillmentLineItems", (FieldResolver) env -> ConnectionPager.page(env, f.lineItems(),
                SortKey.byId(FulfillmentLineItemTruth::id), reverse(env), item -> fulfillmentLineItemNode(o, item)));
        node.put("order", (FieldResolver) env -> orderNode(o));
        return node;
    }

    private Map<String, Object> fulfillmentLineItemNode(OrderTruth o, FulfillmentLineItemTruth item) {
        LineItemTruth line = lineItem(o, item.lineItemId());
        String total = CatalogGenerator.money(OrderGenerator.cents(line.price()) * item.quantity());
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "FulfillmentLineItem");
        node.put("id", item.gid());
        node.put("quantity", item.quantity());
        node.put("originalTotalSet", moneyBag(total, o.currencyCode()));
        node.put("discountedTotalSet", moneyBag(total, o.currencyCode()));
        node.put("lineItem", (FieldResolver) env -> lineItemNode(o, line));
        return node;
    }

    private Map<String, Object> transactionNode(OrderTruth o, TransactionTruth t) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "OrderTransaction");
        node.put("id", t.gid());
        node.put("kind", t.kind());
        node.put("status", t.status());
        node.put("amountSet", moneyBag(t.amount(), o.currencyCode()));
        node.put("createdAt", ShopGraph.iso(t.createdAt()));
        node.put("processedAt", ShopGraph.iso(t.createdAt()));
        node.put("gateway", GATEWAY);
        node.put("formattedGateway", "Shopify Payments");
        node.put("test", false);
        node.put("manuallyCapturable", false);
        node.put("order", (FieldResolver) env -> orderNode(o));
        return node;
    }

    private static LineItemTruth lineItem(OrderTruth o, long id) {
        for (LineItemTruth line : o.lineItems()) {
            if (line.id() == id) {
                return line;
            }
        }
        throw new IllegalStateException("line item " + id + " not in order " + o.id());
    }

    /** The first {@code first} rows, all of them when the argument is absent. */
    private static <T> List<T> first(DataFetchingEnvironment env, List<T> rows) {
        Object first = env.getArgument("first");
        return first instanceof Number n ? rows.subList(0, Math.min(rows.size(), Math.max(0, n.intValue()))) : rows;
    }

    private static boolean reverse(DataFetchingEnvironment env) {
        return Boolean.TRUE.equals(env.getArgument("reverse"));
    }

    static Map<String, Object> moneyBag(String amount, String currency) {
        Map<String, Object> money = Map.of("__typename", "MoneyV2", "amount", amount, "currencyCode", currency);
        return Map.of("__typename", "MoneyBag", "shopMoney", money, "presentmentMoney", money);
    }
}
