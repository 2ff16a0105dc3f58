package dev.shopsync.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** What a simulated shop has seen, for assertions and benchmark reports. Thread-safe. */
public final class SimCounters {

    /** A consistent-enough copy of the counters at one moment. */
    public record Snapshot(long requests, long okResponses, long throttled, long http429, long http5xx,
            long maxCostExceeded, long invalidQueries, long unauthorized, long requestedCostCharged,
            long actualCostCharged, long gzipRequests) {
    }

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong okResponses = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong http429 = new AtomicLong();
    private final AtomicLong http5xx = new AtomicLong();
    private final AtomicLong maxCostExceeded = new AtomicLong();
    private final AtomicLong invalidQueries = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong requestedCostCharged = new AtomicLong();
    private final AtomicLong actualCostCharged = new AtomicLong();
    private final AtomicLong gzipRequests = new AtomicLong();

    public long requests() {
        return requests.get();
    }

    /** Queries that were executed and charged (HTTP 200 with data, possibly with field errors). */
    public long okResponses() {
        return okResponses.get();
    }

    public long throttled() {
        return throttled.get();
    }

    public long http429() {
        return http429.get();
    }

    public long http5xx() {
        return http5xx.get();
    }

    public long maxCostExceeded() {
        return maxCostExceeded.get();
    }

    public long invalidQueries() {
        return invalidQueries.get();
    }

    public long unauthorized() {
        return unauthorized.get();
    }

    /** Sum of the requested costs of executed queries (what was reserved). */
    public long requestedCostCharged() {
        return requestedCostCharged.get();
    }

    /** Sum of the actual costs of executed queries (what the bucket kept after refunds). */
    public long actualCostCharged() {
        return actualCostCharged.get();
    }

    /** Requests that accepted a gzip-compressed answer. */
    public long gzipRequests() {
        return gzipRequests.get();
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.get(), okResponses.get(), throttled.get(), http429.get(), http5xx.get(),
                maxCostExceeded.get(), invalidQueries.get(), unauthorized.get(), requestedCostCharged.get(),
                actualCostCharged.get(), gzipRequests.get());
    }

    public void reset() {
        for (AtomicLong counter : new AtomicLong[] {requests, okResponses, throttled, http429, http5xx,
                maxCostExceeded, invalidQueries, unauthorized, requestedCostCharged, actualCostCharged,
                gzipRequests}) {
            counter.set(0);
        }
    }

    void request() {
        requests.incrementAndGet();
    }

    void gzipRequest() {
        gzipRequests.incrementAndGet();
    }

    void executed(int requestedCost, int actualCost) {
        okResponses.incrementAndGet();
        requestedCostCharged.addAndGet(requestedCost);
        actualCostCharged.addAndGet(actualCost);
    }

    void throttledResponse() {
        throttled.incrementAndGet();
    }

    void http429Response() {
        http429.incrementAndGet();
    }

    void http5xxResponse() {
        http5xx.incrementAndGet();
    }

    void maxCostExceededResponse() {
        maxCostExceeded.incrementAndGet();
    }

    void invalidQuery() {
        invalidQueries.incrementAndGet();
    }

    void unauthorizedResponse() {
        unauthorized.incrementAndGet();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
