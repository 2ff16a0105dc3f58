package dev.shopsync.shopify;

/** Shopify refused a call in a way that retrying will not fix (bad token, missing scope, unknown shop, bad query). */
public class ShopifyApiException extends RuntimeException {

    private final int httpStatus;

    public ShopifyApiException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public ShopifyApiException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
