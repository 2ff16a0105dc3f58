package dev.shopsync.read;

/** A read the caller got wrong: answered with its status (400, 404 or 405) and this message, never retried. */
public class BadReadRequest extends RuntimeException {

    private final int status;

    public BadReadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
