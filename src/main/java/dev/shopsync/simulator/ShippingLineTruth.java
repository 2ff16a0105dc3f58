package dev.shopsync.simulator;

/** One shipping charge of an order. @param price a decimal string */
public record ShippingLineTruth(long id, String gid, String title, String price) {

    public static String gidOf(long id) {
        return "gid://shopify/ShippingLine/" + id;
    }
}
