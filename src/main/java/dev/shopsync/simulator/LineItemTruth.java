package dev.shopsync.simulator;

/**
 * One line of an order, as sold: the product and variant it came from (null for a custom item, and they may since
 * have been deleted), the product title and variant SKU at the time, and the unit price.
 *
 * @param price a decimal string, the unit price before discounts
 */
public record LineItemTruth(long id, String gid, Long productId, Long variantId, String title, String sku,
        int quantity, String price) {

    public static String gidOf(long id) {
        return "gid://shopify/LineItem/" + id;
    }
}
