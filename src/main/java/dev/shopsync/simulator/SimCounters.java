package dev.shopsync.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a simulated shop has seen, for assertions and benchmark reports. Thread-safe. The bulk operation counters
 * are not in {@link Snapshot}, whose shape callers construct in assertions.
 */
public final class SimCounters {

    /** A consistent-enough copy of the counters at one moment. */
    public record Snapshot(long requests, long okResponses, long throttled, long http429, long http5xx,
            long maxCostExceeded, long invalidQueries, long unauthorized, long requestedCostCharged,
            long actualCostCharged, long gzipRequests, long slowResponses, long droppedConnections,
            long truncatedBodies, long throttledBursts, long injectedFaults) {
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
    private final AtomicLong slowResponses = new AtomicLong();
    private final AtomicLong droppedConnections = new AtomicLong();
    private final AtomicLong truncatedBodies = new AtomicLong();
    private final AtomicLong throttledBursts = new AtomicLong();
    private final AtomicLong injectedFaults = new AtomicLong();
    private final AtomicLong bulkRuns = new AtomicLong();
    private final AtomicLong bulkRejected = new AtomicLong();
    private final AtomicLong bulkDownloads = new AtomicLong();
    private final AtomicLong bulkBytesServed = new AtomicLong();

    public long requests() {
        return requests.get();
    }

    /** Queries that were executed and charged (HTTP 200 with data, possibly with field errors). */
    public long okResponses() {
        return okResponses.get();
    }

    /** Every THROTTLED answer, from a bucket that ran dry or from an injected burst. */
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

    /** Answers sent late on purpose (charged like any other). */
    public long slowResponses() {
        return slowResponses.get();
    }

    /** Connections closed without any HTTP response. */
    public long droppedConnections() {
        return droppedConnections.get();
    }

    /** Answers cut off before the length their Content-Length promised. */
    public long truncatedBodies() {
        return truncatedBodies.get();
    }

    /** THROTTLED answers from injected bursts; {@link #throttled()} counts them as well. */
    public long throttledBursts() {
        return throttledBursts.get();
    }

    /**
     * Answers a fault replaced, queued or drawn: 429, 5xx, dropped, truncated, burst THROTTLED. Slow answers are not
     * among them: their content is the real one, only late.
     */
    public long injectedFaults() {
        return injectedFaults.get();
    }

    /** Bulk query operations created through the API. */
    public long bulkRuns() {
        return bulkRuns.get();
    }

    /** {@code bulkOperationRunQuery} answers of OPERATION_IN_PROGRESS. */
    public long bulkRejected() {
        return bulkRejected.get();
    }

    /** GET requests for a bulk result file that started sending a body (whole or a range). */
    public long bulkDownloads() {
        return bulkDownloads.get();
    }

    /** Body bytes of bulk result files sent, cut downloads included. */
    public long bulkBytesServed() {
        return bulkBytesServed.get();
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.get(), okResponses.get(), throttled.get(), http429.get(), http5xx.get(),
                maxCostExceeded.get(), invalidQueries.get(), unauthorized.get(), requestedCostCharged.get(),
                actualCostCharged.get(), gzipRequests.get(), slowResponses.get(), droppedConnections.get(),
                truncatedBodies.get(), throttledBursts.get(), injectedFaults.get());
    }

    public void reset() {
        for (AtomicLong counter : new AtomicLong[] {requests, okResponses, throttled, http429, http5xx,
                maxCostExceeded, invalidQueries, unauthorized, requestedCostCharged, actualCostCharged,
                gzipRequests, slowResponses, droppedConnections, truncatedBodies, throttledBursts, injectedFaults,
                bulkRuns, bulkRejected, bulkDownloads, bulkBytesServed}) {
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

    // The simulator answers 429 and 5xx only when a fault tells it to, so each of them is an injected fault.
    void http429Response() {
        http429.incrementAndGet();
        injectedFaults.incrementAndGet();
    }

    void http5xxResponse() {
        http5xx.incrementAndGet();
        injectedFaults.incrementAndGet();
    }

    void burstThrottledResponse() {
        throttled.incrementAndGet();
        throttledBursts.incrementAndGet();
        injectedFaults.incrementAndGet();
    }

    void droppedConnection() {
        droppedConnections.incrementAndGet();
        injectedFaults.incrementAndGet();
    }

    void truncatedBody() {
        truncatedBodies.incrementAndGet();
        injectedFaults.incrementAndGet();
    }

    void slowResponse() {
        slowResponses.incrementAndGet();
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

    void bulkRun() {
        bulkRuns.incrementAndGet();
    }

    void bulkRejection() {
        bulkRejected.incrementAndGet();
    }

    void bulkDownload() {
        bulkDownloads.incrementAndGet();
    }

    void bulkBytesServed(long bytes) {
        bulkBytesServed.addAndGet(bytes);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
