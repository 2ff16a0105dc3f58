package dev.shopsync.simulator;

/** How much of one line item a refund covers. @param subtotal a decimal string: unit price times quantity */
public record RefundLineItemTruth(long id, String gid, long lineItemId, int quantity, String subtotal) {

    public static String gidOf(long id) {
        return "gid://shopify/RefundLineItem/" + id;
    }
}
