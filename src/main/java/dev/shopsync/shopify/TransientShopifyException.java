package dev.shopsync.shopify;

/** A failure worth retrying: 5xx, a reset or refused connection, a timeout, a truncated body. */
public class TransientShopifyException extends RuntimeException {

    public TransientShopifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
