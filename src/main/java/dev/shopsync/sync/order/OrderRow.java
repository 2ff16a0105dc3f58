package dev.shopsync.sync.order;

import java.time.Instant;
import java.util.List;

import dev.shopsync.sync.SyncedRow;

/**
 * An order with ALL its children, as stored in {@code orders}; amounts are decimal strings in the shop's
 * currency ({@code currencyCode}); {@code email} and {@code raw} are PII. {@code children} is null for an order
 * row alone (a webhook payload), which leaves the stored children untouched.
 */
public record OrderRow(long id, String gid, String name, String email, Long customerId, String currencyCode,
        String presentmentCurrencyCode, String financialStatus, String fulfillmentStatus, String totalPrice,
        String subtotalPrice, String totalShipping, String totalTax, String totalDiscounts, String totalRefunded,
        String currentTotalPrice, Integer lineItemsQuantity, Boolean fullyPaid, Boolean test, String cancelReason,
        String sourceName, List<String> tags, Instant createdAt, Instant processedAt, Instant updatedAt,
        Instant closedAt, Instant cancelledAt, String raw, OrderChildren children) implements SyncedRow {

    /** The same order with other children (null: leave the stored ones). */
    public OrderRow withChildren(OrderChildren other) {
        return new OrderRow(id, gid, name, email, customerId, currencyCode, presentmentCurrencyCode, financialStatus,
                fulfillmentStatus, totalPrice, subtotalPrice, totalShipping, totalTax, totalDiscounts, totalRefunded,
                currentTotalPrice, lineItemsQuantity, fullyPaid, test, cancelReason, sourceName, tags, createdAt,
                processedAt, updatedAt, closedAt, cancelledAt, raw, other);
    }
}
