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

    /** A new backfill of {@code [start, upperBound]}, at its first window. */
    static BulkJob planned(String resource, Instant start, Instant upperBound, Duration window) {
        return unplanned(resource, upperBound).atWindow(start, endOf(start, window, upperBound), window, false);
    }

    /** A backfill at the window {@code [start, end]}, found again from a running job's query. */
    static BulkJob forWindow(String resource, Instant upperBound, Instant start, Instant end) {
        return unplanned(resource, upperBound).atWindow(start, end, Duration.between(start, end), false);
    }

    /** A backfill with nothing to do (the resource is empty): complete at once. */
    static BulkJob nothingBefore(String resource, Instant upperBound, Duration window) {
        return unplanned(resource, upperBound).atWindow(upperBound, upperBound, window, true);
    }

    BulkJob attached(BulkOperation operation) {
        return withAttempt(operation.id(), operation.status(), operation.objectCount(), 0L, restarts);
    }

    BulkJob polled(BulkOperation operation, long persisted) {
        return withAttempt(operationId, operation.status(), operation.objectCount(), persisted, restarts);
    }

    /** The same window again, with a new job. */
    BulkJob restarted() {
        return withAttempt(null, null, 0L, 0L, restarts + 1);
    }

    /** The window is done: the next one, of the given size, or the end of the backfill. */
    BulkJob windowDone(Duration nextWindow) {
        if (!windowEnd.isBefore(upperBound)) {
            return atWindow(windowStart, windowEnd, nextWindow, true);
        }
        return atWindow(windowEnd, endOf(windowEnd, nextWindow, upperBound), nextWindow, false);
    }

    /** This window with another attempt at it (the job, what it holds, how far its ingest came). */
    private BulkJob withAttempt(String operation, BulkOperation.Status polled, long objects, long persisted,
            int restartCount) {
        return new BulkJob(resource, upperBound, windowStart, windowEnd, window, operation, polled, objects, persisted,
                restartCount, complete);
    }

    /** Only the range's end; every factory moves it to a window at once. */
    private static BulkJob unplanned(String resource, Instant upperBound) {
        return new BulkJob(resource, upperBound, upperBound, upperBound, Duration.ZERO, null, null, 0L, 0L, 0, false);
    }

    /** Another window (no job yet, no restarts), or the backfill complete. */
    private BulkJob atWindow(Instant start, Instant end, Duration size, boolean done) {
        return new BulkJob(resource, upperBound, start, end, size, null, null, 0L, 0L, 0, done);
    }

    private static Instant endOf(Instant start, Duration window, Instant upperBound) {
        Instant end = start.plus(window);
        return end.isAfter(upperBound) ? upperBound : end;
    }
}
