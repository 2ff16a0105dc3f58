package dev.shopsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One bulk query operation and its life by the shop's clock, computed when asked rather than driven by a thread:
 * CREATED for the start delay (or while held), RUNNING while its lines are "written" at the shop's rate (the counts grow with
 * them), then COMPLETED, or FAILED at the line a planned failure names; a cancel makes it CANCELING for a while,
 * then CANCELED; a file whose URL has expired (7 days, or {@code expireUrls()}) makes it EXPIRED.
 *
 * <p>The result file is written before the operation answers its first poll (see {@link SimulatedBulkOperations});
 * until then it is CREATED with nothing written.
 */
final class BulkOperation {

    static final Duration URL_LIFETIME = Duration.ofDays(7);
    static final Set<String> IN_PROGRESS = Set.of("CREATED", "RUNNING", "CANCELING");

    /** What the API shows at one instant. {@code fileSize} is null when there is no file to download. */
    record View(String status, String errorCode, Instant completedAt, long objectCount, long rootObjectCount,
            Long fileSize, String url, String partialDataUrl) {

        boolean inProgress() {
            return IN_PROGRESS.contains(status);
        }
    }

    private final long id;
    private final String query;
    private final boolean groupObjects;
    private final Instant createdAt;
    private final int linesPerSecond;
    /** When an operation of another process ends; null for ours, which end when their lines are written. */
    private final Instant foreignUntil;

    // Guarded by this.
    /** When it leaves CREATED; {@code null} while it is held (see {@link SimulatedBulkOperations#holdAfterNext}). */
    private Instant runningAt;
    private boolean ready;
    /** What is served: the whole result, or for a planned failure the lines written before it. */
    private BulkResult result;
    private String url;
    private String errorCode;
    private Instant cancelAt;
    private Duration canceling;
    private Instant expiredAt;

    /** @param startDelay how long it stays CREATED; {@code null}: until {@link #start} */
    BulkOperation(long id, String query, boolean groupObjects, Instant createdAt, Duration startDelay,
            int linesPerSecond, Instant foreignUntil) {
        this.id = id;
        this.query = query;
        this.groupObjects = groupObjects;
        this.createdAt = createdAt;
        this.runningAt = startDelay == null ? null : createdAt.plus(startDelay);
        this.linesPerSecond = linesPerSecond;
        this.foreignUntil = foreignUntil;
    }

    /** A held operation starts running at {@code now}; one that is not held is left as it is. */
    synchronized void start(Instant now) {
        if (runningAt == null) {
            runningAt = now;
        }
    }

    long id() {
        return id;
    }

    String gid() {
        return "gid://shopify/BulkOperation/" + id;
    }

    boolean foreign() {
        return foreignUntil != null;
    }

    /** The result is written; {@code url} may be null (no lines, or nothing to serve). */
    synchronized void ready(BulkResult result, String url, String errorCode) {
        this.result = result;
        this.url = url;
        this.errorCode = errorCode;
        this.ready = true;
    }

    /** @throws IllegalStateException when it has already ended */
    synchronized void cancel(Instant at, Duration canceling) {
        View now = at(at);
        if (!now.inProgress() || cancelAt != null) {
            throw new IllegalStateException("A bulk operation cannot be canceled when it is "
                    + now.status().toLowerCase(Locale.ROOT));
        }
        this.cancelAt = at;
        this.canceling = canceling;
    }

    /** Makes its file answer 403 from {@code at} on, if it has one. */
    synchronized void expire(Instant at) {
        View now = at(at);
        if ((now.url() != null || now.partialDataUrl() != null) && !"EXPIRED".equals(now.status())) {
            expiredAt = at;
        }
    }

    synchronized boolean expired(Instant at) {
        return "EXPIRED".equals(at(at).status());
    }

    synchronized View at(Instant t) {
        long lines = ready ? result.lines() : 0;
        Instant endAt = foreignUntil != null ? foreignUntil
                : runningAt == null ? Instant.MAX : runningAt.plus(timeFor(lines));
        boolean cancelled = cancelAt != null && (!ready || cancelAt.isBefore(endAt));
        if (cancelled && !t.isBefore(cancelAt)) {
            long written = written(cancelAt);
            Instant canceledAt = cancelAt.plus(canceling);
            boolean done = !t.isBefore(canceledAt);
            return new View(done ? "CANCELED" : "CANCELING", null, done ? canceledAt : null, written,
                    rootsIn(written), null, null, null);
        }
        if (!ready || runningAt == null || t.isBefore(runningAt)) {
            return new View("CREATED", null, null, 0, 0, null, null, null);
        }
        if (t.isBefore(endAt)) {
            long written = written(t);
            return new View("RUNNING", null, null, written, rootsIn(written), null, null, null);
        }
        boolean hasFile = url != null && lines > 0;
        boolean failed = errorCode != null;
        Instant expiresAt = endAt.plus(URL_LIFETIME);
        if (expiredAt != null && expiredAt.isBefore(expiresAt)) {
            expiresAt = expiredAt;
        }
        String status = hasFile && !t.isBefore(expiresAt) ? "EXPIRED" : failed ? "FAILED" : "COMPLETED";
        return new View(status, errorCode, endAt, lines, rootsIn(lines), hasFile ? result.bytes() : null,
                hasFile && !failed ? url : null, hasFile && failed ? url : null);
    }

    BulkOperationTruth truth(Instant t) {
        View view = at(t);
        return new BulkOperationTruth(gid(), view.status(), query, groupObjects, view.objectCount(),
                view.rootObjectCount(), createdAt.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The {@code BulkOperation} node at {@code t}; counts and size are strings, as UnsignedInt64 is on the wire. */
    Map<String, Object> node(Instant t) {
        View view = at(t);
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "BulkOperation");
        node.put("id", gid());
        node.put("status", view.status());
        node.put("type", "QUERY");
        node.put("errorCode", view.errorCode());
        node.put("createdAt", ShopGraph.iso(createdAt));
        node.put("completedAt", ShopGraph.iso(view.completedAt()));
        node.put("objectCount", String.valueOf(view.objectCount()));
        node.put("rootObjectCount", String.valueOf(view.rootObjectCount()));
        node.put("fileSize", view.fileSize() == null ? null : String.valueOf(view.fileSize()));
        node.put("url", view.url());
        node.put("partialDataUrl", view.partialDataUrl());
        node.put("query", query);
        return node;
    }

    private long written(Instant t) {
        if (!ready || foreignUntil != null || runningAt == null || t.isBefore(runningAt)) {
            return 0;
        }
        Duration elapsed = Duration.between(runningAt, t);
        long whole = Math.multiplyExact(Math.min(elapsed.getSeconds(), 1L << 40), (long) linesPerSecond);
        long part = elapsed.getNano() * (long) linesPerSecond / 1_000_000_000L;
        return Math.min(result.lines(), whole + part);
    }

    private long rootsIn(long lines) {
        return ready ? result.rootsIn(lines) : 0;
    }

    /** How long writing {@code lines} takes at the operation's rate, rounded up to the nanosecond. */
    private Duration timeFor(long lines) {
        long seconds = lines / linesPerSecond;
        long rest = lines % linesPerSecond;
        return Duration.ofSeconds(seconds, (rest * 1_000_000_000L + linesPerSecond - 1) / linesPerSecond);
    }
}
