package dev.shopsync.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What the simulated shop really holds for one order, with all its children in the order the shop lists them (each
 * child list by ascending id).
 *
 * @param name                     {@code #1001}, {@code #1002}, ... in creation order
 * @param customerId               nullable: guest checkouts and shops without customers
 * @param totalPrice               a decimal string: line items less discounts, plus shipping and taxes
 * @param displayFinancialStatus   an {@code OrderDisplayFinancialStatus} name
 * @param displayFulfillmentStatus an {@code OrderDisplayFulfillmentStatus} name
 * @param closedAt                 nullable
 * @param cancelledAt              nullable
 */
public record OrderTruth(long id, String gid, String name, String email, Long customerId, String currencyCode,
        String totalPrice, String displayFinancialStatus, String displayFulfillmentStatus, Instant createdAt,
        Instant updatedAt, Instant closedAt, Instant cancelledAt, List<LineItemTruth> lineItems,
        List<ShippingLineTruth> shippingLines, List<TaxLineTruth> taxLines,
        List<DiscountApplicationTruth> discountApplications, List<RefundTruth> refunds,
        List<FulfillmentTruth> fulfillments, List<TransactionTruth> transactions) {

    public OrderTruth {
        lineItems = List.copyOf(lineItems);
        shippingLines = List.copyOf(shippingLines);
        taxLines = List.copyOf(taxLines);
        discountApplications = List.copyOf(discountApplications);
        refunds = List.copyOf(refunds);
        fulfillments = List.copyOf(fulfillments);
        transactions = List.copyOf(transactions);
    }

    public static String gidOf(long id) {
        return "gid://shopify/Order/" + id;
    }
}
