package dev.shopsync.simulator;

/**
 * One of a customer's mailing addresses. Every field but the id is nullable, as on Shopify.
 *
 * @param id a GID with the model suffix Shopify gives customer addresses, see {@link #gidOf(long)}
 */
public record AddressTruth(String id, String firstName, String lastName, String company, String address1,
        String address2, String city, String province, String provinceCode, String country, String countryCodeV2,
        String zip, String phone) {

    private static final String PREFIX = "gid://shopify/MailingAddress/";
    private static final String SUFFIX = "?model_name=CustomerAddress";

    public static String gidOf(long id) {
        return PREFIX + id + SUFFIX;
    }

    /** The numeric part of the id: the address' position in cursors and its sort order. */
    long numericId() {
        return Long.parseLong(id.substring(PREFIX.length(), id.length() - SUFFIX.length()));
    }
}
