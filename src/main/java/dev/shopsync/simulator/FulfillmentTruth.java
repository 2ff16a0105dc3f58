package dev.shopsync.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One fulfillment of an order.
 *
 * @param status     a {@code FulfillmentStatus} name
 * @param locationId nullable: the shop may have no locations
 */
public record FulfillmentTruth(long id, String gid, String status, Instant createdAt, Long locationId,
        List<FulfillmentLineItemTruth> lineItems) {

    public FulfillmentTruth {
        lineItems = List.copyOf(lineItems);
    }

    public static String gidOf(long id) {
        return "gid://shopify/Fulfillment/" + id;
    }
}
