package dev.shopsync.shopify;

/**
 * Shopify global ids ({@code gid://shopify/Product/123}). The numeric part is parsed as a long straight from
 * the text: ids exceed 2^53 and would be corrupted by any detour through a double.
 */
public final class Gid {

    private Gid() {
    }

    public static long numericId(String gid) {
        if (gid == null) {
            throw new IllegalArgumentException("missing gid");
        }
        int slash = gid.lastIndexOf('/');
        int end = gid.indexOf('?', slash);
        String digits = gid.substring(slash + 1, end < 0 ? gid.length() : end);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Shopify gid: " + gid, e);
        }
    }

    public static String of(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }
}
