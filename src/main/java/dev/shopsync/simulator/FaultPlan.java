package dev.shopsync.simulator;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Failures to serve before any other processing, in the order they were queued: HTTP 429 with a
 * {@code Retry-After} header, or a 5xx. Each queued failure answers exactly one request.
 */
public final class FaultPlan {

    /** One queued failure: an HTTP status and, for 429, the Retry-After header value. */
    record Fault(int status, String retryAfter) {
    }

    private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();

    /** @param retryAfterHeaderValue sent verbatim, e.g. {@code "1.5"}: Shopify sends fractional seconds */
    public FaultPlan respond429Next(int n, String retryAfterHeaderValue) {
        Objects.requireNonNull(retryAfterHeaderValue, "retryAfterHeaderValue");
        for (int i = 0; i < n; i++) {
            queue.add(new Fault(429, retryAfterHeaderValue));
        }
        return this;
    }

    public FaultPlan respond5xxNext(int n, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("not a 5xx status: " + status);
        }
        for (int i = 0; i < n; i++) {
            queue.add(new Fault(status, null));
        }
        return this;
    }

    public void clear() {
        queue.clear();
    }

    public int pending() {
        return queue.size();
    }

    Fault next() {
        return queue.poll();
    }
}
