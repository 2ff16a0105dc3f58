package dev.shopsync.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import graphql.schema.GraphQLSchema;

/**
 * The bulk query operations of one shop, and the test controls over them.
 *
 * <p>An operation's result is a snapshot of the shop when it was created, written to a JSONL file at once; its
 * status then follows the shop's clock: CREATED for {@link #timing startDelay}, RUNNING while its lines are
 * "written" at {@code linesPerSecond}, COMPLETED with a URL on this simulator. API versions from 2026-01 allow 5
 * query operations in progress per shop, older ones 1; none may start while one is CANCELING.
 */
public final class SimulatedBulkOperations {

    public static final Duration DEFAULT_START_DELAY = Duration.ofMillis(200);
    public static final int DEFAULT_LINES_PER_SECOND = 50_000;
    /** How long an operation cancelled through {@code bulkOperationCancel} stays CANCELING. */
    public static final Duration API_CANCELING = Duration.ofSeconds(1);

    static final String FIVE_AT_ONCE_SINCE = "2026-01";
    /** Ids of 13 digits, 32,768 apart, like the captured ones. */
    private static final long FIRST_ID = 8_066_670_100_786L;
    private static final long ID_STEP = 32_768L;
    private static final String FOREIGN_QUERY = "{ products { edges { node { id } } } }";

    /** What {@code bulkOperationRunQuery} answers: an operation, or none and the user errors. */
    record RunAnswer(BulkOperation operation, List<Map<String, Object>> userErrors) {
    }

    private record PlannedFailure(double fractionWritten, String errorCode) {
    }

    private final Clock clock;
    private final SimCounters counters;
    private final BulkResultFiles files;
    private final List<BulkOperation> operations = new ArrayList<>();
    private final AtomicLong cutNextDownload = new AtomicLong(-1);
    private final AtomicReference<BulkResultFiles.Stall> stallNextDownload = new AtomicReference<>();
    // Guarded by this.
    private long lastId = FIRST_ID - ID_STEP;
    private Duration startDelay = DEFAULT_START_DELAY;
    private int linesPerSecond = DEFAULT_LINES_PER_SECOND;
    private PlannedFailure nextFailure;
    private int started;
    private int rejected;
    /** Operations created once {@code started} reached this stay CREATED until {@link #release}. */
    private int holdAfter = Integer.MAX_VALUE;

    SimulatedBulkOperations(Clock clock, SimCounters counters, BulkResultFiles files) {
        this.clock = clock;
        this.counters = counters;
        this.files = files;
    }

    // ---- test controls ---------------------------------------------------------------------------------------

    /** How operations created from now on run: CREATED for {@code startDelay}, then this many lines a second. */
    public synchronized void timing(Duration startDelay, int linesPerSecond) {
        if (startDelay.isNegative() || linesPerSecond <= 0) {
            throw new IllegalArgumentException("startDelay must not be negative and linesPerSecond must be positive");
        }
        this.startDelay = startDelay;
        this.linesPerSecond = linesPerSecond;
    }

    /**
     * The next operation created through the API ends FAILED with {@code errorCode} (e.g. INTERNAL_SERVER_ERROR,
     * TIMEOUT) once {@code fractionWritten} of its lines are written; its {@code partialDataUrl} serves exactly those
     * whole lines and {@code objectCount} counts them.
     */
    /**
     * The next {@code count} operations run as usual; those created after them stay CREATED until {@link #release}:
     * a test can stop a backfill at an exact job, whatever the machine's speed.
     */
    public synchronized void holdAfterNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        holdAfter = started + count;
    }

    /** Starts every held operation now and holds no more. */
    public void release() {
        Instant now = clock.instant();
        synchronized (this) {
            holdAfter = Integer.MAX_VALUE;
        }
        operations().forEach(operation -> operation.start(now));
    }

    public synchronized void failNext(double fractionWritten, String errorCode) {
        if (!(fractionWritten >= 0 && fractionWritten <= 1)) {
            throw new IllegalArgumentException("fractionWritten must be within [0, 1]: " + fractionWritten);
        }
        this.nextFailure = new PlannedFailure(fractionWritten, Objects.requireNonNull(errorCode, "errorCode"));
    }

    /**
     * Cancels an operation as if from elsewhere (the admin, another process): CANCELING for {@code canceling},
     * then CANCELED, without a URL.
     *
     * @throws IllegalArgumentException when there is no such operation
     * @throws IllegalStateException    when it has already ended
     */
    public void cancel(String operationGid, Duration canceling) {
        BulkOperation operation = find(operationGid);
        if (operation == null) {
            throw new IllegalArgumentException("no such bulk operation: " + operationGid);
        }
        operation.cancel(clock.instant(), canceling);
    }

    /** Every operation that has a url or partialDataUrl becomes EXPIRED; its file answers 403 from now on. */
    public void expireUrls() {
        Instant now = clock.instant();
        for (BulkOperation operation : operations()) {
            operation.expire(now);
        }
    }

    /**
     * Starts {@code count} query operations of another process of the same app: RUNNING at once, COMPLETED with an
     * empty result after {@code busyFor}. They count against the concurrency limit like any other.
     *
     * @return their GIDs
     */
    public synchronized List<String> occupy(int count, Duration busyFor) {
        Instant now = clock.instant();
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BulkOperation operation = new BulkOperation(nextId(), FOREIGN_QUERY, false, now, Duration.ZERO,
                    linesPerSecond, now.plus(busyFor));
            operation.ready(BulkResult.empty(null), null, null);
            operations.add(operation);
            gids.add(operation.gid());
        }
        return gids;
    }

    /** The next download of any result file of this shop is cut (connection closed) after this many body bytes. */
    public void cutDownloadsAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        cutNextDownload.set(bytes);
    }

    /**
     * The next download of any result file of this shop sends this many body bytes, then nothing for {@code silence}
     * (the connection stays open, as a stalled storage server's would), then the connection is closed.
     */
    public void stallDownloadsAfter(long bytes, Duration silence) {
        if (bytes < 0 || silence.isNegative()) {
            throw new IllegalArgumentException("bytes and silence must not be negative");
        }
        stallNextDownload.set(new BulkResultFiles.Stall(bytes, silence));
    }

    /** Every operation, ours and occupying ones, oldest first, as of the shop's clock. */
    public List<BulkOperationTruth> all() {
        Instant now = clock.instant();
        return operations().stream().map(operation -> operation.truth(now)).toList();
    }

    /** Operations created through {@code bulkOperationRunQuery}. */
    public synchronized int started() {
        return started;
    }

    /** {@code bulkOperationRunQuery} calls answered OPERATION_IN_PROGRESS. */
    public synchronized int rejected() {
        return rejected;
    }

    // ---- the API ---------------------------------------------------------------------------------------------

    /**
     * {@code bulkOperationRunQuery}: checks the query and the concurrency limit, then writes the result of
     * {@code query} over {@code snapshot} before answering (the file is ready before the first poll).
     *
     * @param snapshot the query root of the shop at {@code now}
     */
    RunAnswer runQuery(String query, boolean groupObjects, String apiVersion, Instant now, GraphQLSchema schema,
            Map<String, Object> snapshot) {
        BulkQueryShape shape;
        try {
            shape = BulkQueryShape.parse(schema, query);
        } catch (BulkQueryShape.Invalid e) {
            return new RunAnswer(null, List.of(userError(List.of("query"), e.getMessage(), "INVALID")));
        }
        BulkOperation operation;
        PlannedFailure failure;
        synchronized (this) {
            List<BulkOperation> inProgress = new ArrayList<>();
            boolean canceling = false;
            for (BulkOperation existing : operations) {
                BulkOperation.View view = existing.at(now);
                if (view.inProgress()) {
                    inProgress.add(existing);
                    canceling |= view.status().equals("CANCELING");
                }
            }
            if (inProgress.size() >= concurrencyLimit(apiVersion) || canceling) {
                rejected++;
                counters.bulkRejection();
                List<String> gids = inProgress.stream().map(BulkOperation::gid).toList();
                return new RunAnswer(null, List.of(userError(null,
                        "A bulk query operation for this app and shop is already in progress: "
                                + String.join(", ", gids) + ".",
                        "OPERATION_IN_PROGRESS")));
            }
            operation = new BulkOperation(nextId(), query, groupObjects, now, started >= holdAfter ? null : startDelay,
                    linesPerSecond, null);
            failure = nextFailure;
            nextFailure = null;
            operations.add(operation);
            started++;
        }
        counters.bulkRun();
        write(operation, shape, groupObjects, schema, snapshot, failure);
        return new RunAnswer(operation, List.of());
    }

    /** {@code bulkOperationCancel}: user errors (field, message) when it cannot be cancelled. */
    List<Map<String, Object>> cancelByApi(BulkOperation operation, Instant now) {
        try {
            operation.cancel(now, API_CANCELING);
            return List.of();
        } catch (IllegalStateException e) {
            return List.of(userError(List.of("id"), e.getMessage(), null));
        }
    }

    /** The operation with this GID, or null. */
    BulkOperation find(String gid) {
        for (BulkOperation operation : operations()) {
            if (operation.gid().equals(gid)) {
                return operation;
            }
        }
        return null;
    }

    synchronized List<BulkOperation> operations() {
        return List.copyOf(operations);
    }

    /** The most recently created query operation, or null. */
    synchronized BulkOperation current() {
        return operations.isEmpty() ? null : operations.get(operations.size() - 1);
    }

    static int concurrencyLimit(String apiVersion) {
        return apiVersion.compareTo(FIVE_AT_ONCE_SINCE) >= 0 ? 5 : 1;
    }

    private void write(BulkOperation operation, BulkQueryShape shape, boolean groupObjects, GraphQLSchema schema,
            Map<String, Object> snapshot, PlannedFailure failure) {
        Path file = files.newFile();
        BulkResult result;
        try {
            result = new BulkResultWriter(schema).write(shape, snapshot, groupObjects, file);
        } catch (RuntimeException e) {
            // What Shopify does when its side breaks: the operation fails, the API call itself succeeded.
            BulkResultFiles.delete(file);
            operation.ready(BulkResult.empty(null), null, "INTERNAL_SERVER_ERROR");
            return;
        }
        if (failure != null) {
            BulkResult partial = result.prefix((long) Math.floor(failure.fractionWritten() * result.lines()),
                    files.newFile());
            BulkResultFiles.delete(file);
            result = partial;
        }
        if (result.lines() == 0) {
            // Shopify gives no URL for an empty result.
            BulkResultFiles.delete(result.file());
        }
        String url = result.lines() == 0 ? null : files.publish(new BulkResultFiles.Served(result.file(),
                () -> operation.expired(clock.instant()), () -> cutNextDownload.getAndSet(-1),
                () -> stallNextDownload.getAndSet(null), counters));
        operation.ready(result, url, failure == null ? null : failure.errorCode());
    }

    private long nextId() {
        lastId += ID_STEP;
        return lastId;
    }

    private static Map<String, Object> userError(List<String> field, String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        // A plain null would read as "not modelled", which answers an empty list for a list field.
        error.put("field", field != null ? field : (FieldResolver) env -> null);
        error.put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        return error;
    }
}
