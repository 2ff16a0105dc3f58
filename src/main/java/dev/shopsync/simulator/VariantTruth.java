package dev.shopsync.simulator;

import java.time.Instant;

/**
 * One variant as the shop holds it.
 *
 * @param price          a decimal string such as {@code "12.50"}, as Shopify's Money scalar serialises it
 * @param compareAtPrice nullable, same format
 * @param sku            nullable: real shops have variants without one
 */
public record VariantTruth(long id, String gid, String title, String sku, String price, String compareAtPrice,
        int inventoryQuantity, int position, Instant createdAt, Instant updatedAt) {

    public static String gidOf(long id) {
        return "gid://shopify/ProductVariant/" + id;
    }
}
