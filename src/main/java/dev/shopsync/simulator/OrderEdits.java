package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random-but-reproducible changes an order goes through after it was placed: a fulfillment of what is left to
 * ship, a refund (with its refund transaction), closing it, or a tag added (which only a changed {@code updatedAt}
 * shows, as tags are not modelled). The statuses follow the children; the order always gets {@code updatedAt = at}.
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
        }
        // Otherwise a tag was added: nothing modelled changes but the update time.
        return new OrderTruth(o.id(), o.gid(), o.name(), o.email(), o.customerId(), o.currencyCode(),
                o.totalPrice(), OrderGenerator.financialStatus(transactions, OrderGenerator.cents(o.totalPrice())),
                OrderGenerator.fulfillmentStatus(o.lineItems(), fulfillments), o.createdAt(), at, closedAt,
                o.cancelledAt(), o.lineItems(), o.shippingLines(), o.taxLines(), o.discountApplications(), refunds,
                fulfillments, transactions);
    }
}
