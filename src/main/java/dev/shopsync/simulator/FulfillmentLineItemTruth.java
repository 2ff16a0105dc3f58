package dev.shopsync.simulator;

/** How much of one line item a fulfillment shipped. */
public record FulfillmentLineItemTruth(long id, String gid, long lineItemId, int quantity) {

    public static String gidOf(long id) {
        return "gid://shopify/FulfillmentLineItem/" + id;
    }
}
