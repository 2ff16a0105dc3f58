package dev.shopsync.sync.order;

import java.time.Instant;
import java.util.List;

/**
 * Everything an order holds, each list complete, one record type per child table. Refund and fulfillment line
 * items are flattened out of their refund or fulfillment and carry the order's id too, so the whole child set
 * of an order is replaced by order id.
 */
public record OrderChildren(List<LineItem> lineItems, List<ShippingLine> shippingLines, List<TaxLine> taxLines,
        List<DiscountApplication> discounts, List<Refund> refunds, List<RefundLineItem> refundLineItems,
        List<Fulfillment> fulfillments, List<FulfillmentLineItem> fulfillmentLineItems,
        List<Transaction> transactions) {

    public record LineItem(long id, long orderId, String gid, int position, Long productId, Long variantId,
            String title, String sku, Integer quantity, Integer currentQuantity, Integer unfulfilledQuantity,
            Boolean requiresShipping, Boolean taxable, String originalUnitPrice, String discountedUnitPrice,
            String currencyCode, String raw) {
    }

    public record ShippingLine(long id, long orderId, String gid, String title, String code, String source,
            String originalPrice, String discountedPrice, String currencyCode, String raw) {
    }

    /** No id in Shopify: keyed by its position in the order. */
    public record TaxLine(long orderId, int position, String title, String rate, String price, String currencyCode,
            Boolean channelLiable) {
    }

    /** No id in Shopify: keyed by its index in the order; {@code kind} is the GraphQL type. */
    public record DiscountApplication(long orderId, int index, String kind, String title, String code,
            String allocationMethod, String targetSelection, String targetType, String valueAmount,
            String valueCurrency, String valuePercentage) {
    }

    public record Refund(long id, long orderId, String gid, String note, String totalRefunded, String currencyCode,
            Instant createdAt, Instant updatedAt) {
    }

    public record RefundLineItem(long id, long refundId, long orderId, Long lineItemId, String gid, Integer quantity,
            String restockType, String subtotal, String currencyCode) {
    }

    public record Fulfillment(long id, long orderId, String gid, String name, String status, String displayStatus,
            Long locationId, Integer totalQuantity, Instant createdAt, Instant updatedAt) {
    }

    public record FulfillmentLineItem(long id, long fulfillmentId, long orderId, Long lineItemId, String gid,
            Integer quantity) {
    }

    public record Transaction(long id, long orderId, String gid, String kind, String status, String gateway,
            Boolean test, String amount, String currencyCode, Instant createdAt, Instant processedAt) {
    }
}
