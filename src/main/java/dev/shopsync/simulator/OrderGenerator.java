package dev.shopsync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds a shop's starting orders from a {@link CatalogSpec}, from a random stream of their own, so nothing else
 * changes when orders are added. Orders and each kind of child have their own id range above 2^53, growing with
 * creation. Line items sell the live variants at their price (custom items when the shop has no products), most
 * orders belong to a customer when there are customers, and order #0 and every 500th after it has 251..600 line
 * items so {@code lineItems} must be paged. About 30% of orders are (partly) fulfilled, about 10% refunded, about 3%
 * cancelled; each has 1..3 payment transactions plus one refund transaction per refund.
 */
final class OrderGenerator {

    static final long FIRST_ORDER_ID = 9_600_000_000_000_000L;
    static final long FIRST_LINE_ITEM_ID = 9_610_000_000_000_000L;
    static final long FIRST_SHIPPING_LINE_ID = 9_620_000_000_000_000L;
    static final long FIRST_REFUND_ID = 9_630_000_000_000_000L;
    static final long FIRST_REFUND_LINE_ITEM_ID = 9_640_000_000_000_000L;
    static final long FIRST_FULFILLMENT_ID = 9_650_000_000_000_000L;
    static final long FIRST_FULFILLMENT_LINE_ITEM_ID = 9_660_000_000_000_000L;
    static final long FIRST_TRANSACTION_ID = 9_670_000_000_000_000L;
    static final int LARGE_ORDER_EVERY = 500;
    static final int LARGE_ORDER_MIN_LINES = 251;
    static final int MAX_LINES = 30;
    static final int FIRST_ORDER_NUMBER = 1001;

    private static final long SEED_SALT = 0x0DE2_5EEDL;
    private static final int ORDER_ID_GAP = 4_000;
    private static final int CHILD_ID_GAP = 8;
    private static final String[] SHIPPING_TITLES = {"Standard Shipping", "Express", "Economy", "Free Shipping"};
    private static final long[] SHIPPING_CENTS = {799, 1_999, 499, 0};
    private static final String[] TAX_RATES = {"0.04", "0.0625", "0.07", "0.08875"};
    private static final String[] PERCENTAGES = {"5.0%", "10.0%", "15.0%", "20.0%", "25.0%"};
    private static final String[] FIXED = {"5.00", "10.00", "15.00"};
    private static final String[] REFUND_NOTES = {"Damaged in transit", "Customer changed mind", "Wrong size"};

    /** Where id assignment continues for children added later by edits; shared by the generator and the edits. */
    static final class OrderIds {
        long lineItem = FIRST_LINE_ITEM_ID;
        long shippingLine = FIRST_SHIPPING_LINE_ID;
        long refund = FIRST_REFUND_ID;
        long refundLineItem = FIRST_REFUND_LINE_ITEM_ID;
        long fulfillment = FIRST_FULFILLMENT_ID;
        long fulfillmentLineItem = FIRST_FULFILLMENT_LINE_ITEM_ID;
        long transaction = FIRST_TRANSACTION_ID;
    }

    /** Generated orders and the id counters their later children continue from. */
    record GeneratedOrders(List<OrderTruth> orders, OrderIds ids) {
    }

    private final SplittableRandom random;
    private final OrderIds ids;

    OrderGenerator(SplittableRandom random, OrderIds ids) {
        this.random = random;
        this.ids = ids;
    }

    static GeneratedOrders generate(CatalogSpec spec, List<ProductTruth> products, List<CustomerTruth> customers,
            List<LocationTruth> locations) {
        OrderIds ids = new OrderIds();
        OrderGenerator generator = new OrderGenerator(new SplittableRandom(spec.seed() ^ SEED_SALT), ids);
        return new GeneratedOrders(generator.orders(spec, products, customers, locations), ids);
    }

    private List<OrderTruth> orders(CatalogSpec spec, List<ProductTruth> products, List<CustomerTruth> customers,
            List<LocationTruth> locations) {
        int count = spec.orders();
        Timeline timeline = Timeline.draw(random, spec.baseTime(), count);
        List<VariantRow> pool = new ArrayList<>();
        for (ProductTruth product : products) {
            product.variants().forEach(v -> pool.add(new VariantRow(product, v)));
        }
        List<Long> activeLocations = activeLocations(locations);
        List<OrderTruth> orders = new ArrayList<>(count);
        long id = FIRST_ORDER_ID;
        for (int i = 0; i < count; i++) {
            id += 1 + random.nextInt(ORDER_ID_GAP);
            orders.add(order(i, id, timeline.createdAt(i), timeline.updatedAt(i), pool, customers, activeLocations));
        }
        return List.copyOf(orders);
    }

    static List<Long> activeLocations(java.util.Collection<LocationTruth> locations) {
        return locations.stream().filter(LocationTruth::isActive).map(LocationTruth::id).toList();
    }

    private OrderTruth order(int index, long id, Instant created, Instant updated, List<VariantRow> pool,
            List<CustomerTruth> customers, List<Long> locations) {
        CustomerTruth customer = !customers.isEmpty() && random.nextDouble() < 0.85
                ? customers.get(random.nextInt(customers.size())) : null;
        String email = customer != null ? customer.email()
                : random.nextDouble() < 0.9 ? "guest" + (index + 1) + "@example.com" : null;

        int lineCount = index % LARGE_ORDER_EVERY == 0
                ? LARGE_ORDER_MIN_LINES + random.nextInt(350)
                : 1 + (int) (MAX_LINES * Math.pow(random.nextDouble(), 3));
        List<LineItemTruth> lines = new ArrayList<>(lineCount);
        long subtotal = 0;
        for (int k = 0; k < lineCount; k++) {
            ids.lineItem += 1 + random.nextInt(CHILD_ID_GAP);
            int quantity = random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(5);
            LineItemTruth line;
            if (pool.isEmpty()) {
                line = new LineItemTruth(ids.lineItem, LineItemTruth.gidOf(ids.lineItem), null, null, "Custom item",
                        null, quantity, CatalogGenerator.money(500 + random.nextInt(10_000)));
            } else {
                VariantRow row = pool.get(random.nextInt(pool.size()));
                line = new LineItemTruth(ids.lineItem, LineItemTruth.gidOf(ids.lineItem), row.product().id(),
                        row.variant().id(), row.product().title(), row.variant().sku(), quantity,
                        row.variant().price());
            }
            lines.add(line);
            subtotal += cents(line.price()) * quantity;
        }

        List<ShippingLineTruth> shipping = new ArrayList<>();
        double s = random.nextDouble();
        int shippingCount = s < 0.1 ? 0 : s < 0.95 ? 1 : 2;
        long shippingCents = 0;
        for (int k = 0; k < shippingCount; k++) {
            ids.shippingLine += 1 + random.nextInt(CHILD_ID_GAP);
            int kind = random.nextInt(SHIPPING_TITLES.length);
            shipping.add(new ShippingLineTruth(ids.shippingLine, ShippingLineTruth.gidOf(ids.shippingLine),
                    SHIPPING_TITLES[kind], CatalogGenerator.money(SHIPPING_CENTS[kind])));
            shippingCents += SHIPPING_CENTS[kind];
        }

        List<DiscountApplicationTruth> discounts = new ArrayList<>();
        double d = random.nextDouble();
        int discountCount = d < 0.8 ? 0 : d < 0.95 ? 1 : 2;
        long lineDiscount = 0;
        long shippingDiscount = 0;
        for (int k = 0; k < discountCount; k++) {
            if (shippingCents > 0 && random.nextDouble() < 0.2) {
                discounts.add(new DiscountApplicationTruth(k, "EACH", "SHIPPING_LINE", "100.0%"));
                shippingDiscount = shippingCents;
            } else if (random.nextBoolean()) {
                String value = PERCENTAGES[random.nextInt(PERCENTAGES.length)];
                discounts.add(new DiscountApplicationTruth(k, "ACROSS", "LINE_ITEM", value));
                lineDiscount += percentOf(subtotal - lineDiscount, value);
            } else {
                String value = FIXED[random.nextInt(FIXED.length)];
                discounts.add(new DiscountApplicationTruth(k, "ACROSS", "LINE_ITEM", value));
                lineDiscount += Math.min(subtotal - lineDiscount, cents(value));
            }
        }

        List<TaxLineTruth> taxes = new ArrayList<>();
        long taxCents = 0;
        if (random.nextDouble() < 0.8) {
            taxes.add(tax("State Tax", TAX_RATES[random.nextInt(TAX_RATES.length)], subtotal - lineDiscount));
            if (random.nextDouble() < 0.3) {
                taxes.add(tax("County Tax", "0.01", subtotal - lineDiscount));
            }
            for (TaxLineTruth tax : taxes) {
                taxCents += cents(tax.price());
            }
        }
        long total = subtotal - lineDiscount + shippingCents - shippingDiscount + taxCents;

        boolean cancelled = random.nextDouble() < 0.03;
        List<TransactionTruth> transactions = new ArrayList<>();
        double t = random.nextDouble();
        if (t < 0.7) {
            transactions.add(transaction("SALE", "SUCCESS", total, created));
        } else if (t < 0.9) {
            transactions.add(transaction("AUTHORIZATION", "SUCCESS", total, created));
            transactions.add(transaction("CAPTURE", "SUCCESS", total, between(created, updated)));
        } else if (t < 0.97) {
            transactions.add(transaction("AUTHORIZATION", "SUCCESS", total, created));
        } else {
            transactions.add(transaction("SALE", "PENDING", total, created));
        }
        Instant cancelledAt = null;
        Instant closedAt = null;
        List<FulfillmentTruth> fulfillments = new ArrayList<>();
        List<RefundTruth> refunds = new ArrayList<>();
        if (cancelled) {
            cancelledAt = between(created, updated);
            closedAt = cancelledAt;
            if (paidCents(transactions) == 0) {
                transactions.add(transaction("VOID", "SUCCESS", total, cancelledAt));
            }
        } else {
            if (random.nextDouble() < 0.3) {
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    FulfillmentTruth f = fulfillment(lines, fulfillments, between(created, updated), locations, 
                            k == n - 1 && random.nextDouble() < 0.7);
                    if (f != null) {
                        fulfillments.add(f);
                    }
                }
            }
            if (paidCents(transactions) > 0 && random.nextDouble() < 0.13) {
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    RefundTruth r = refund(lines, refunds, between(created, updated));
                    if (r != null) {
                        refunds.add(r);
                        transactions.add(transaction("REFUND", "SUCCESS", refundCents(r), r.createdAt()));
                    }
                }
            }
        }
        refunds.sort(java.util.Comparator.comparingLong(RefundTruth::id));
        transactions.sort(java.util.Comparator.comparingLong(TransactionTruth::id));
        String fulfillmentStatus = fulfillmentStatus(lines, fulfillments);
        if (closedAt == null && "FULFILLED".equals(fulfillmentStatus) && random.nextBoolean()) {
            closedAt = updated;
        }
        return new OrderTruth(id, OrderTruth.gidOf(id), "#" + (FIRST_ORDER_NUMBER + index), email,
                customer == null ? null : customer.id(), CustomerGenerator.CURRENCY, CatalogGenerator.money(total),
                financialStatus(transactions, total), fulfillmentStatus, created, updated, closedAt, cancelledAt,
                lines, shipping, taxes, discounts, refunds, fulfillments, transactions);
    }

    /**
     * A fulfillment of some (or, with {@code rest}, all) of the line items no earlier fulfillment shipped, each
     * shipped whole; null when nothing is left.
     */
    FulfillmentTruth fulfillment(List<LineItemTruth> lines, List<FulfillmentTruth> earlier, Instant at,
            List<Long> locations, boolean rest) {
        Map<Long, Integer> shipped = fulfilled(earlier);
        List<FulfillmentLineItemTruth> items = new ArrayList<>();
        for (LineItemTruth line : lines) {
            if (shipped.getOrDefault(line.id(), 0) < line.quantity() && (rest || random.nextDouble() < 0.5)) {
                ids.fulfillmentLineItem += 1 + random.nextInt(CHILD_ID_GAP);
                items.add(new FulfillmentLineItemTruth(ids.fulfillmentLineItem,
                        FulfillmentLineItemTruth.gidOf(ids.fulfillmentLineItem), line.id(),
                        line.quantity() - shipped.getOrDefault(line.id(), 0)));
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        ids.fulfillment += 1 + random.nextInt(CHILD_ID_GAP);
        String status = random.nextDouble() < 0.9 ? "SUCCESS" : "CANCELLED";
        Long location = locations.isEmpty() ? null : locations.get(random.nextInt(locations.size()));
        return new FulfillmentTruth(ids.fulfillment, FulfillmentTruth.gidOf(ids.fulfillment), status, at, location,
                items);
    }

    /** A refund of 1..3 line items that still have refundable quantity; null when none has. */
    RefundTruth refund(List<LineItemTruth> lines, List<RefundTruth> earlier, Instant at) {
        Map<Long, Integer> refunded = new HashMap<>();
        earlier.forEach(r -> r.lineItems().forEach(l -> refunded.merge(l.lineItemId(), l.quantity(), Integer::sum)));
        List<LineItemTruth> refundable = lines.stream()
                .filter(l -> refunded.getOrDefault(l.id(), 0) < l.quantity()).toList();
        if (refundable.isEmpty()) {
            return null;
        }
        List<LineItemTruth> chosen = new ArrayList<>();
        int n = Math.min(refundable.size(), 1 + random.nextInt(3));
        int start = random.nextInt(refundable.size() - n + 1);
        chosen.addAll(refundable.subList(start, start + n));
        return refundOf(chosen, refunded, at, false);
    }

    /** A refund of everything still refundable; null when nothing is. */
    RefundTruth refundEverything(List<LineItemTruth> lines, List<RefundTruth> earlier, Instant at) {
        Map<Long, Integer> refunded = new HashMap<>();
        earlier.forEach(r -> r.lineItems().forEach(l -> refunded.merge(l.lineItemId(), l.quantity(), Integer::sum)));
        List<LineItemTruth> refundable = lines.stream()
                .filter(l -> refunded.getOrDefault(l.id(), 0) < l.quantity()).toList();
        return refundable.isEmpty() ? null : refundOf(refundable, refunded, at, true);
    }

    private RefundTruth refundOf(List<LineItemTruth> chosen, Map<Long, Integer> refunded, Instant at, boolean all) {
        List<RefundLineItemTruth> items = new ArrayList<>(chosen.size());
        for (LineItemTruth line : chosen) {
            int left = line.quantity() - refunded.getOrDefault(line.id(), 0);
            int quantity = all ? left : 1 + random.nextInt(left);
            ids.refundLineItem += 1 + random.nextInt(CHILD_ID_GAP);
            items.add(new RefundLineItemTruth(ids.refundLineItem, RefundLineItemTruth.gidOf(ids.refundLineItem),
                    line.id(), quantity, CatalogGenerator.money(cents(line.price()) * quantity)));
        }
        ids.refund += 1 + random.nextInt(CHILD_ID_GAP);
        String note = random.nextDouble() < 0.4 ? null : REFUND_NOTES[random.nextInt(REFUND_NOTES.length)];
        return new RefundTruth(ids.refund, RefundTruth.gidOf(ids.refund), at, note, items);
    }

    TransactionTruth transaction(String kind, String status, long amountCents, Instant at) {
        ids.transaction += 1 + random.nextInt(CHILD_ID_GAP);
        return new TransactionTruth(ids.transaction, TransactionTruth.gidOf(ids.transaction), kind, status,
                CatalogGenerator.money(amountCents), at);
    }

    /** A whole second in [from, to]. */
    Instant between(Instant from, Instant to) {
        long span = to.getEpochSecond() - from.getEpochSecond();
        return span <= 0 ? from : from.plusSeconds(random.nextLong(span + 1));
    }

    SplittableRandom random() {
        return random;
    }

    /** Quantity shipped per line item id by the successful fulfillments. */
    static Map<Long, Integer> fulfilled(List<FulfillmentTruth> fulfillments) {
        Map<Long, Integer> shipped = new HashMap<>();
        for (FulfillmentTruth f : fulfillments) {
            if (!"CANCELLED".equals(f.status())) {
                f.lineItems().forEach(l -> shipped.merge(l.lineItemId(), l.quantity(), Integer::sum));
            }
        }
        return shipped;
    }

    static String fulfillmentStatus(List<LineItemTruth> lines, List<FulfillmentTruth> fulfillments) {
        Map<Long, Integer> shipped = fulfilled(fulfillments);
        if (shipped.isEmpty()) {
            return "UNFULFILLED";
        }
        boolean all = lines.stream().allMatch(l -> shipped.getOrDefault(l.id(), 0) >= l.quantity());
        return all ? "FULFILLED" : "PARTIALLY_FULFILLED";
    }

    static String financialStatus(List<TransactionTruth> transactions, long totalCents) {
        long paid = paidCents(transactions);
        long refunded = 0;
        boolean authorized = false;
        boolean voided = false;
        for (TransactionTruth t : transactions) {
            if ("SUCCESS".equals(t.status())) {
                switch (t.kind()) {
                    case "REFUND" -> refunded += cents(t.amount());
                    case "AUTHORIZATION" -> authorized = true;
                    case "VOID" -> voided = true;
                    default -> {
                    }
                }
            }
        }
        if (voided && paid == 0) {
            return "VOIDED";
        }
        if (refunded > 0) {
            return refunded >= paid ? "REFUNDED" : "PARTIALLY_REFUNDED";
        }
        if (paid > 0) {
            return paid >= totalCents ? "PAID" : "PARTIALLY_PAID";
        }
        return authorized ? "AUTHORIZED" : "PENDING";
    }

    static long paidCents(List<TransactionTruth> transactions) {
        long paid = 0;
        for (TransactionTruth t : transactions) {
            if ("SUCCESS".equals(t.status()) && ("SALE".equals(t.kind()) || "CAPTURE".equals(t.kind()))) {
                paid += cents(t.amount());
            }
        }
        return paid;
    }

    static long refundCents(RefundTruth refund) {
        long sum = 0;
        for (RefundLineItemTruth item : refund.lineItems()) {
            sum += cents(item.subtotal());
        }
        return sum;
    }

    static long cents(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static long percentOf(long cents, String percentage) {
        BigDecimal rate = new BigDecimal(percentage.substring(0, percentage.length() - 1)).movePointLeft(2);
        return rate.multiply(BigDecimal.valueOf(cents)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static TaxLineTruth tax(String title, String rate, long taxableCents) {
        long cents = new BigDecimal(rate).multiply(BigDecimal.valueOf(taxableCents))
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return new TaxLineTruth(title, rate, CatalogGenerator.money(cents));
    }
}
