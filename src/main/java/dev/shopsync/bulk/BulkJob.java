package dev.shopsync.bulk;

import java.time.Duration;
import java.time.Instant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where the bulk backfill of one (shop, resource) stands, kept in Redis between invocations
 * ({@code shopsync:{shop}:bulk:<resource>}): the whole range {@code [.., upperBound]} is cut into
 * {@code updated_at} windows done one bulk job at a time, oldest first.
 *
 * @param upperBound      the backfill's end (now minus the lag when it was planned); the incremental sync takes
 *                        over from there
 * @param windowStart     inclusive start of the current window
 * @param windowEnd       inclusive end of the current window
 * @param window          the window size, adapted to how long jobs take
 * @param operationId     the bulk operation of the current window, null until one is started
 * @param status          its last polled status
 * @param objectCount     lines its result has (once COMPLETED, or in its partial file once FAILED)
 * @param linesPersisted  lines of its result committed to PostgreSQL
 * @param restarts        jobs started again for this window (failed, cancelled, expired, incomplete)
 * @param complete        the whole range is in PostgreSQL
 */
@RegisterForReflection
public record BulkJob(String resource, Instant upperBound, Instant windowStart, Instant windowEnd, Duration window,
        String operationId, BulkOperation.Status status, long objectCount, long linesPersisted, int restarts,
        boolean complete) {

    static BulkJob planned(String resource, Instant start, Instant upperBound, Duration window) {
        return new BulkJob(resource, upperBound, start, endOf(start, window, upperBound), window, null, null, 0L, 0L,
                0, false);
    }

    BulkJob attached(BulkOperation operation) {
        return new BulkJob(resource, upperBound, windowStart, windowEnd, window, operation.id(), operation.status(),
                operation.objectCount(), 0L, restarts, false);
    }

    BulkJob polled(BulkOperation operation, long persisted) {
        return new BulkJob(resource, upperBound, windowStart, windowEnd, window, operationId, operation.status(),
                operation.objectCount(), persisted, restarts, false);
    }

    /** The same window again, with a new job. */
    BulkJob restarted() {
        return new BulkJob(resource, upperBound, windowStart, windowEnd, window, null, null, 0L, 0L, restarts + 1,
                false);
    }

    /** The window is done: the next one, of the given size, or the end of the backfill. */
    BulkJob windowDone(Duration nextWindow) {
        if (!windowEnd.isBefore(upperBound)) {
            return new BulkJob(resource, upperBound, windowStart, windowEnd, nextWindow, null, null, 0L, 0L, 0, true);
        }
        return new BulkJob(resource, upperBound, windowEnd, endOf(windowEnd, nextWindow, upperBound), nextWindow,
                null, null, 0L, 0L, 0, false);
    }

    private static Instant endOf(Instant start, Duration window, Instant upperBound) {
        Instant end = start.plus(window);
        return end.isAfter(upperBound) ? upperBound : end;
    }
}
