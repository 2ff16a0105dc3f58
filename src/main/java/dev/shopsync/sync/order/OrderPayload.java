package dev.shopsync.sync.order;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.shopify.RestPayloads;


/**
 * An {@code orders/*} payload as the order's own row, without children: the REST payload has no payment
 * transactions, and its fulfillments list the order's line item ids where GraphQL has fulfillment line item
 * ids, so the children it carries cannot become the rows the sync writes. The order's statuses and totals are
 * stored at once; the children follow with a refresh of the order.
 */
public final class OrderPayload {

    private OrderPayload() {
    }

    public static Optional<OrderRow> row(JsonNode o, String raw) {
        Instant updatedAt = RestPayloads.instant(o.path("updated_at"));
        if (updatedAt == null) {
            return Optional.empty();
        }
        JsonNode customer = o.path("customer");
        Long customerId = customer.isObject() && (customer.has("admin_graphql_api_id") || customer.has("id"))
                ? RestPayloads.id(customer) : null;
        int quantity = 0;
        for (JsonNode line : o.path("line_items")) {
            quantity += line.path("quantity").asInt();
        }
        String email = RestPayloads.text(o.path("email"));
        return Optional.of(new OrderRow(RestPayloads.id(o), RestPayloads.gid(o, "Order"),
                RestPayloads.text(o.path("name")), email == null ? RestPayloads.text(o.path("contact_email")) : email,
                customerId, RestPayloads.text(o.path("currency")), RestPayloads.text(o.path("presentment_currency")),
                RestPayloads.upper(o.path("financial_status")), fulfillmentStatus(o.path("fulfillment_status")),
                shopMoney(o.path("total_price_set")), shopMoney(o.path("subtotal_price_set")),
                shopMoney(o.path("total_shipping_price_set")), shopMoney(o.path("total_tax_set")),
                shopMoney(o.path("total_discounts_set")), null, shopMoney(o.path("current_total_price_set")),
                o.path("line_items").isArray() ? quantity : null, null, RestPayloads.bool(o.path("test")),
                RestPayloads.upper(o.path("cancel_reason")), RestPayloads.text(o.path("source_name")),
                RestPayloads.tags(o.path("tags")), RestPayloads.instant(o.path("created_at")),
                RestPayloads.instant(o.path("processed_at")), updatedAt, RestPayloads.instant(o.path("closed_at")),
                RestPayloads.instant(o.path("cancelled_at")), raw, null));
    }

    /** REST's fulfillment_status in GraphQL's displayFulfillmentStatus terms (null means nothing shipped). */
    private static String fulfillmentStatus(JsonNode value) {
        String status = RestPayloads.text(value);
        if (status == null) {
            return "UNFULFILLED";
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "partial" -> "PARTIALLY_FULFILLED";
            default -> status.toUpperCase(Locale.ROOT);
        };
    }

    private static String shopMoney(JsonNode set) {
        return RestPayloads.text(set.path("shop_money").path("amount"));
    }
}
