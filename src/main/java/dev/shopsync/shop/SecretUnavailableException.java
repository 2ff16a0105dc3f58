package dev.shopsync.shop;

/** A secret could not be read or does not hold what it should; the message names it, never its content. */
public class SecretUnavailableException extends IllegalStateException {

    public SecretUnavailableException(String message) {
        super(message);
    }

    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
