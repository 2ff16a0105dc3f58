package dev.shopsync.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.shopify.SearchFilter;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.state.StreamOffsets;
import dev.shopsync.time.Deadline;

/**
 * A resource's bulk backfill (see {@link BulkJob}): plan the windows, start the current window's bulk query, poll
 * it, and once it finished stream its result into PostgreSQL from the last checkpoint, chunk by chunk. A job outlives
 * any invocation; a slice advances it ({@link Run}) as far as its deadline allows, one chunk at a time, and returns.
 *
 * <p>What can go wrong with a job, and what happens:
 * <ul>
 * <li>every one of the shop's bulk slots is taken ({@code OPERATION_IN_PROGRESS}): wait, try at the next step;</li>
 * <li>FAILED with partial data: ingest it (it is real data), then run the window again;</li>
 * <li>FAILED without, CANCELED, EXPIRED, or a result URL that no longer answers: run the window again;</li>
 * <li>CANCELING: wait (Shopify starts no new job meanwhile);</li>
 * <li>a result whose line count differs from the job's {@code objectCount}: never counted as done, run again;</li>
 * <li>the Redis state lost: the job is found again among the shop's recent bulk operations by its query, or from
 * the PostgreSQL checkpoint.</li>
 * </ul>
 */
@ApplicationScoped
public class BulkBackfill {

    private static final Logger LOG = Logger.getLogger(BulkBackfill.class);
    static final String WINDOW_MARK = "__WINDOW__";
    private static final Pattern WINDOW = Pattern.compile(
            "updated_at:>='([^']+)' AND updated_at:<='([^']+)'");

    private final BulkOperations operations;
    private final BulkJobStore jobs;
    private final BulkIngest ingest;
    private final BulkChunkWriter checkpoints;
    private final BulkWindowSizer sizer;
    private final GraphQlClient client;
    private final GraphQlDocuments documents;
    private final CursorStore cursors;
    private final StreamOffsets offsets;
    private final BulkConfig config;
    private final Clock clock;
    private final FinishedBulkOperations finishedOperations;

    public BulkBackfill(BulkOperations operations, BulkJobStore jobs, BulkIngest ingest, BulkChunkWriter checkpoints,
            BulkWindowSizer sizer, GraphQlClient client, GraphQlDocuments documents, CursorStore cursors,
            BulkConfig config, Clock clock, StreamOffsets offsets,
            FinishedBulkOperations finishedOperations) {
        this.finishedOperations = finishedOperations;
        this.operations = operations;
        this.jobs = jobs;
        this.ingest = ingest;
        this.checkpoints = checkpoints;
        this.sizer = sizer;
        this.client = client;
        this.documents = documents;
        this.cursors = cursors;
        this.offsets = offsets;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What one {@link Run#advance} did.
     *
     * @param linesWritten result lines it committed (one chunk at most)
     * @param cost         Shopify points its bulk mutations cost
     * @param stop         why the backfill cannot go on in this slice, or null when it can
     */
    public record Advance(int linesWritten, int cost, Stop stop) {
    }

    /** Why a backfill cannot advance any further for now. */
    public enum Stop {
        /** The whole range is in PostgreSQL; the incremental sync has taken over. */
        COMPLETE,
        /** A job runs (or waits for a slot, or is being cancelled): nothing to do until it finishes. */
        WAITING
    }

    /**
     * The backfill of one resource as one slice advances it.
     *
     * @param lag the incremental stream's lag behind now (Shopify's search index lags writes): windows end at
     *            {@code now - lag}, and the stream takes over from the backfill's upper bound minus it
     */
    public Run start(ShopConnection shop, long shopId, BulkResource resource, Duration lag) {
        return new Run(shop, shopId, resource, lag);
    }

    /**
     * One slice's hold on a backfill: each {@link #advance} moves the job on (plan, start or re-attach, poll, restart,
     * next window) until it has committed one chunk of a result, or must wait, or is complete. Between advances the
     * caller decides whether there is time for another; a result file stays open across them and is closed by
     * {@link #close}.
     */
    public final class Run implements AutoCloseable {

        private final ShopConnection shop;
        private final long shopId;
        private final BulkResource resource;
        private final Duration lag;
        private BulkJob job;
        /** Planning has just looked through the shop's operations for ours: no second look for this window. */
        private boolean justPlanned;
        /** The result being read, and the operation it belongs to. */
        private BulkIngest.Reading reading;
        private BulkOperation readingOf;

        private Run(ShopConnection shop, long shopId, BulkResource resource, Duration lag) {
            this.shop = shop;
            this.shopId = shopId;
            this.resource = resource;
            this.lag = lag;
        }

        public Advance advance(Deadline deadline) {
            String domain = shop.domain();
            int cost = 0;
            if (job == null) {
                job = jobs.load(domain, resource.resource()).orElse(null);
                if (job == null) {
                    job = plan(shop, shopId, resource, lag, deadline);
                    jobs.save(domain, job);
                    justPlanned = true;
                }
            }
            while (true) {
                if (reading != null) {
                    int lines = reading.next();
                    if (lines > 0) {
                        job = job.polled(readingOf, reading.checkpoint().lines());
                        jobs.save(domain, job);
                        return new Advance(lines, cost, null);
                    }
                    job = endOfResult(reading.checkpoint().lines());
                    jobs.save(domain, job);
                    continue;
                }
                if (job.complete()) {
                    return new Advance(0, cost, Stop.COMPLETE);
                }
                if (job.operationId() == null) {
                    String query = bulkQuery(resource, job);
                    Optional<BulkOperation> ours = justPlanned ? Optional.empty()
                            : findRunning(shop, query, deadline);
                    justPlanned = false;
                    BulkOperation operation;
                    if (ours.isPresent()) {
                        operation = ours.get();
                        LOG.infof("bulk %s/%s: re-attached to %s", domain, resource.resource(), operation.id());
                    } else {
                        BulkOperations.Start start = operations.start(shop, query, deadline);
                        if (start instanceof BulkOperations.Busy busy) {
                            LOG.infof("bulk %s/%s: no free bulk slot, waiting (%s)", domain, resource.resource(),
                                    busy.message());
                            return new Advance(0, cost, Stop.WAITING);
                        }
                        BulkOperations.Started started = (BulkOperations.Started) start;
                        cost += started.cost();
                        operation = started.operation();
                        LOG.infof("bulk %s/%s: started %s for [%s, %s]", domain, resource.resource(), operation.id(),
                                job.windowStart(), job.windowEnd());
                    }
                    job = job.attached(operation);
                    jobs.save(domain, job);
                }
                BulkOperation operation = operations.poll(shop, job.operationId(), deadline);
                if (!operation.status().busy() && finishedOperations.take(domain, operation.id())) {
                    // the webhook's report is consumed by the poll that saw the end: the list keeps only news
                    LOG.debugf("bulk %s/%s: %s was reported finished by webhook", domain, resource.resource(),
                            operation.id());
                }
                switch (operation.status()) {
                    case CREATED, RUNNING, CANCELING -> {
                        job = job.polled(operation, job.linesPersisted());
                        jobs.save(domain, job);
                        return new Advance(0, cost, Stop.WAITING);
                    }
                    case CANCELED, EXPIRED -> job = restart(domain, job, operation.status().name());
                    case FAILED -> {
                        // what the job wrote before it failed is real data: keep it, then run the window again
                        if (operation.partialDataUrl() == null || !read(operation, operation.partialDataUrl(),
                                deadline)) {
                            job = restart(domain, job, "FAILED " + operation.errorCode());
                        }
                    }
                    case COMPLETED -> {
                        if (operation.url() == null) {
                            // Shopify writes no file for an empty result
                            job = operation.objectCount() == 0 ? windowDone(shop, shopId, resource, job, operation, lag)
                                    : restart(domain, job, "COMPLETED with " + operation.objectCount()
                                            + " lines but no URL");
                        } else if (!read(operation, operation.url(), deadline)) {
                            job = restart(domain, job, "result URL gone");
                        }
                    }
                    default -> throw new IllegalStateException("unhandled bulk status " + operation.status());
                }
                jobs.save(domain, job);
            }
        }

        /**
         * Opens the operation's result at its checkpoint (a result already read to its end opens nothing and ends at
         * once).
         *
         * @return false when its URL no longer serves it
         */
        private boolean read(BulkOperation operation, String url, Deadline deadline) {
            BulkCheckpoint from = checkpoints.checkpoint(shopId, resource.resource(), operation.id())
                    .orElse(BulkCheckpoint.start(operation.id()));
            readingOf = operation;
            if (from.lines() == operation.objectCount() && from.lines() > 0) {
                job = endOfResult(from.lines());
                return true;
            }
            try {
                reading = ingest.open(shop.domain(), shopId, resource, url, from, deadline);
                return true;
            } catch (BulkResultGoneException e) {
                LOG.warnf("bulk %s/%s: result of %s: %s", shop.domain(), resource.resource(), operation.id(),
                        e.getMessage());
                readingOf = null;
                return false;
            }
        }

        /** The result of {@link #readingOf} was read to its end, {@code persisted} lines in all. */
        private BulkJob endOfResult(long persisted) {
            BulkOperation operation = readingOf;
            close();
            if (operation.status() == BulkOperation.Status.FAILED) {
                return restart(shop.domain(), job, "FAILED " + operation.errorCode() + ", partial data ingested");
            }
            return finished(shop, shopId, resource, job, lag, operation, persisted);
        }

        /** Closes the result being read, if any; the checkpoint of its last committed chunk stays. */
        @Override
        public void close() {
            if (reading != null) {
                reading.close();
            }
            reading = null;
            readingOf = null;
        }
    }

    /** The bulk query of the job's current window. */
    String bulkQuery(BulkResource resource, BulkJob job) {
        String filter = SearchFilter.updatedAtWithin(job.windowStart(), job.windowEnd());
        return documents.get(resource.queries().bulkDocument()).text()
                .replace(WINDOW_MARK, filter.replace("\"", "\\\""));
    }

    /** A result read to its end: the window is done only if every line of it was read. */
    private BulkJob finished(ShopConnection shop, long shopId, BulkResource resource, BulkJob job, Duration lag,
            BulkOperation operation, long persisted) {
        if (persisted != operation.objectCount()) {
            LOG.errorf("bulk %s/%s: %s has %d lines but %d were read; running the window again", shop.domain(),
                    resource.resource(), operation.id(), operation.objectCount(), persisted);
            return restart(shop.domain(), job, "line count mismatch");
        }
        return windowDone(shop, shopId, resource, job, operation, lag);
    }

    private BulkJob restart(String domain, BulkJob job, String why) {
        LOG.warnf("bulk %s/%s: window [%s, %s] runs again (%s, restart %d)", domain, job.resource(),
                job.windowStart(), job.windowEnd(), why, job.restarts() + 1);
        return job.restarted();
    }

    private BulkJob windowDone(ShopConnection shop, long shopId, BulkResource resource, BulkJob job,
            BulkOperation operation, Duration lag) {
        Duration took = operation.createdAt() == null || operation.completedAt() == null ? null
                : Duration.between(operation.createdAt(), operation.completedAt());
        BulkJob next = job.windowDone(sizer.next(job.window(), took));
        LOG.infof("bulk %s/%s: window [%s, %s] done, %d lines", shop.domain(), resource.resource(),
                job.windowStart(), job.windowEnd(), operation.objectCount());
        if (next.complete()) {
            handOver(shop.domain(), shopId, resource.resource(), job.upperBound(), lag);
        }
        return next;
    }

    /**
     * The incremental sync starts at the backfill's upper bound minus the lag, so nothing falls between the two; a
     * cursor that is already further (in Redis, or committed in PostgreSQL) is left alone. The durable offset is
     * written right after the last chunk's commit, not inside it: only once that chunk committed and the line count
     * matched is the window known to be the last. Dying in between is harmless: the job in Redis still says this
     * window is unfinished, so the next step finds its result fully checkpointed and hands over again; had Redis lost
     * the job too, the incremental stream has no offset and starts from the beginning. Nothing is skipped either way.
     */
    private void handOver(String shop, long shopId, String resource, Instant upperBound, Duration lag) {
        Instant start = upperBound.minus(lag);
        Optional<Cursor> current = cursors.load(shop, resource).or(() -> offsets.load(shopId, resource));
        boolean further = current.isPresent() && (current.get().windowOpen()
                || (current.get().watermark() != null && !current.get().watermark().isBefore(start)));
        if (!further) {
            Cursor cursor = Cursor.startingAt(start);
            // durable first, then the fast copy; the offset's own guard keeps a further one that raced us
            offsets.save(shopId, resource, cursor);
            cursors.save(shop, resource, cursor);
        }
        LOG.infof("bulk %s/%s: backfill complete up to %s; incremental sync from %s", shop, resource, upperBound,
                further ? current.get().watermark() : start);
    }

    /**
     * A new backfill: from the resource's oldest {@code updatedAt} to now minus the lag. Without Redis state, a job
     * of ours may still be running or half-ingested: its window is taken from its query and the backfill resumes there.
     */
    private BulkJob plan(ShopConnection shop, long shopId, BulkResource resource, Duration lag,
            Deadline deadline) {
        Instant upper = clock.instant().minus(lag).truncatedTo(ChronoUnit.SECONDS);
        Instant origin = config.origin();
        Optional<BulkJob> recovered = recover(shop, shopId, resource, upper, deadline);
        if (recovered.isPresent()) {
            return recovered.get();
        }
        if (resource.queries().oldestDocument().isEmpty()) {
            return BulkJob.planned(resource.resource(), origin.isAfter(upper) ? upper : origin, upper,
                    sizer.initial());
        }
        JsonNode oldest = client.execute(shop, documents.get(resource.queries().oldestDocument().get()), Map.of(),
                Lane.BACKFILL, deadline).data().path(resource.queries().connection()).path("nodes").path(0)
                .path("updatedAt");
        if (!oldest.isTextual()) {
            // the resource is empty: nothing to backfill, the incremental sync starts now
            handOver(shop.domain(), shopId, resource.resource(), upper, lag);
            return BulkJob.nothingBefore(resource.resource(), upper, sizer.initial());
        }
        Instant start = Instant.parse(oldest.asText()).truncatedTo(ChronoUnit.SECONDS);
        return BulkJob.planned(resource.resource(), start.isAfter(upper) ? upper : start, upper, sizer.initial());
    }

    private Optional<BulkJob> recover(ShopConnection shop, long shopId, BulkResource resource, Instant upper,
            Deadline deadline) {
        String template = documents.get(resource.queries().bulkDocument()).text();
        for (BulkOperation operation : operations.recent(shop, deadline)) {
            if (!operation.status().busy() && operation.status() != BulkOperation.Status.COMPLETED) {
                continue;
            }
            Optional<Instant[]> window = windowOf(template, operation.query());
            if (window.isEmpty()) {
                continue;
            }
            boolean halfIngested = operation.status() == BulkOperation.Status.COMPLETED && checkpoints.checkpoint(
                    shopId, resource.resource(), operation.id()).map(c -> c.lines() < operation.objectCount())
                    .orElse(false);
            if (operation.status().busy() || halfIngested) {
                Instant start = window.get()[0];
                Instant end = window.get()[1];
                LOG.infof("bulk %s/%s: no state in Redis; resuming at %s (window [%s, %s])", shop.domain(),
                        resource.resource(), operation.id(), start, end);
                BulkJob job = BulkJob.forWindow(resource.resource(), end.isAfter(upper) ? end : upper, start, end);
                return Optional.of(job.attached(operation));
            }
        }
        return Optional.empty();
    }

    /** The window a bulk query of this template was made for, if it is one. */
    static Optional<Instant[]> windowOf(String template, String query) {
        if (query == null) {
            return Optional.empty();
        }
        int mark = template.indexOf(WINDOW_MARK);
        String prefix = template.substring(0, mark);
        String suffix = template.substring(mark + WINDOW_MARK.length());
        if (!query.startsWith(prefix) || !query.endsWith(suffix)
                || query.length() < prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        Matcher m = WINDOW.matcher(query.substring(prefix.length(), query.length() - suffix.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Instant[] {Instant.parse(m.group(1)), Instant.parse(m.group(2))});
    }

    /** A running job of ours for exactly this query (a step that died between starting and saving it). */
    private Optional<BulkOperation> findRunning(ShopConnection shop, String query, Deadline deadline) {
        List<BulkOperation> recent = operations.recent(shop, deadline);
        return recent.stream().filter(o -> o.status().busy() && query.equals(o.query())).findFirst();
    }
}
