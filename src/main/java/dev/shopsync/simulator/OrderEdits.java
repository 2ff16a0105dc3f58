package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The random-but-reproducible changes an order goes through after it was placed: a fulfillment of what is left to
 * ship, a refund (with its refund transaction), closing it, an order edit that removes a line item nothing was
 * shipped or refunded of, or a tag added (which only a changed {@code updatedAt} shows, as tags are not
 * modelled). The statuses follow the children; the order always gets {@code updatedAt = at}.
 */
final class OrderEdits {

    private final SplittableRandom random;
    private final OrderGenerator generator;

    /** @param ids the counters the generated orders' children left off at */
    OrderEdits(SplittableRandom random, OrderGenerator.OrderIds ids) {
        this.random = random;
        this.generator = new OrderGenerator(random, ids);
    }

    SplittableRandom random() {
        return random;
    }

    /** @param locations the live active locations' ids, ascending */
    OrderTruth edit(OrderTruth o, Instant at, List<Long> locations) {
        List<FulfillmentTruth> fulfillments = new ArrayList<>(o.fulfillments());
        List<RefundTruth> refunds = new ArrayList<>(o.refunds());
        List<TransactionTruth> transactions = new ArrayList<>(o.transactions());
        List<LineItemTruth> lines = o.lineItems();
        Instant closedAt = o.closedAt();
        boolean open = o.cancelledAt() == null;
        double change = random.nextDouble();
        if (open && change < 0.35 && !"FULFILLED".equals(o.displayFulfillmentStatus())) {
            FulfillmentTruth f = generator.fulfillment(o.lineItems(), fulfillments, at, locations,
                    random.nextBoolean());
            if (f != null) {
                fulfillments.add(f);
            }
        } else if (open && change < 0.6 && OrderGenerator.paidCents(transactions) > 0) {
            RefundTruth r = generator.refund(o.lineItems(), refunds, at);
            if (r != null) {
                refunds.add(r);
                transactions.add(generator.transaction("REFUND", "SUCCESS", OrderGenerator.refundCents(r), at));
            }
        } else if (change < 0.8 && closedAt == null) {
            closedAt = at;
        } else if (open && change < 0.9) {
            lines = withoutOneUntouchedLine(o);
        }
        // Otherwise a tag was added: nothing modelled changes but the update time.
        return new OrderTruth(o.id(), o.gid(), o.name(), o.email(), o.customerId(), o.currencyCode(),
                o.totalPrice(), OrderGenerator.financialStatus(transactions, OrderGenerator.cents(o.totalPrice())),
                OrderGenerator.fulfillmentStatus(lines, fulfillments), o.createdAt(), at, closedAt,
                o.cancelledAt(), lines, o.shippingLines(), o.taxLines(), o.discountApplications(), refunds,
                fulfillments, transactions);
    }

    /** The order with one more refund, of everything still refundable (with its transaction). */
    OrderTruth refundEverything(OrderTruth o, Instant at) {
        List<RefundTruth> refunds = new ArrayList<>(o.refunds());
        List<TransactionTruth> transactions = new ArrayList<>(o.transactions());
        RefundTruth r = generator.refundEverything(o.lineItems(), refunds, at);
        if (r != null) {
            refunds.add(r);
            transactions.add(generator.transaction("REFUND", "SUCCESS", OrderGenerator.refundCents(r), at));
        }
        return new OrderTruth(o.id(), o.gid(), o.name(), o.email(), o.customerId(), o.currencyCode(),
                o.totalPrice(), OrderGenerator.financialStatus(transactions, OrderGenerator.cents(o.totalPrice())),
                o.displayFulfillmentStatus(), o.createdAt(), at, o.closedAt(), o.cancelledAt(), o.lineItems(),
                o.shippingLines(), o.taxLines(), o.discountApplications(), refunds, o.fulfillments(), transactions);
    }

    /** The order's lines without the last one no fulfillment or refund mentions; all of them when none qualifies. */
    private static List<LineItemTruth> withoutOneUntouchedLine(OrderTruth o) {
        Set<Long> touched = new HashSet<>();
        o.fulfillments().forEach(f -> f.lineItems().forEach(l -> touched.add(l.lineItemId())));
        o.refunds().forEach(r -> r.lineItems().forEach(l -> touched.add(l.lineItemId())));
        List<LineItemTruth> lines = new ArrayList<>(o.lineItems());
        for (int i = lines.size() - 1; i >= 0 && lines.size() > 1; i--) {
            if (!touched.contains(lines.get(i).id())) {
                lines.remove(i);
                break;
            }
        }
        return List.copyOf(lines);
    }
}
