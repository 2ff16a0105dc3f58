package dev.shopsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.shopsync.budget.Lane;
import dev.shopsync.observability.SyncMetrics;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.state.SliceLock;

/**
 * Runs one bounded slice of one (shop, resource) stream: load the cursor (or rebuild it from PostgreSQL),
 * page through the open {@code updated_at} window, persist each page in one transaction, move the cursor
 * only after that commit, and stop at the page budget or before the deadline, always between pages.
 */
@ApplicationScoped
public class SliceEngine {

    private static final Logger LOG = Logger.getLogger(SliceEngine.class);
    static final String MODE_INCREMENTAL = "incremental";
    static final String MODE_BACKFILL = "backfill";
    /** Ids fetched back per request during reconciliation: Shopify's nodes(ids:) limit. */
    private static final int RECONCILE_FETCH_BATCH = 250;
    /** Assumed duration of the first page of a slice, before one has been measured. */
    private static final Duration FIRST_PAGE_ESTIMATE = Duration.ofSeconds(2);

    private final ShopDirectory shops;
    private final ShopRegistry registry;
    private final Map<String, ResourceSyncer<?>> syncers;
    private final CursorStore cursors;
    private final SliceLock locks;
    private final SyncRunRecorder runs;
    private final SyncConfig config;
    private final SyncMetrics metrics;
    private final Clock clock;
    private final DestroyEventReader destroyEvents;
    private final RefreshQueue refreshQueue;

    public SliceEngine(ShopDirectory shops, ShopRegistry registry, Instance<ResourceSyncer<?>> syncers,
            CursorStore cursors, SliceLock locks, SyncRunRecorder runs, SyncConfig config, SyncMetrics metrics,
            Clock clock, DestroyEventReader destroyEvents, RefreshQueue refreshQueue) {
        this.shops = shops;
        this.registry = registry;
        this.syncers = syncers.stream().collect(Collectors.toMap(ResourceSyncer::resource, Function.identity(),
                (a, b) -> a, java.util.TreeMap::new));
        this.cursors = cursors;
        this.locks = locks;
        this.runs = runs;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.destroyEvents = destroyEvents;
        this.refreshQueue = refreshQueue;
    }

    /**
     * @param request        what to sync; validated before anything is touched
     * @param callerDeadline when the caller (the Lambda runtime) must have its answer, if known
     */
    public SliceResult run(SliceRequest request, Optional<Deadline> callerDeadline) {
        request.validated();
        ShopConnection shop = shops.require(request.shop());
        ResourceSyncer<?> syncer = syncers.get(request.resource());
        if (syncer == null) {
            throw new InvalidSliceRequestException("unknown resource '" + request.resource() + "'; supported: "
                    + syncers.keySet());
        }
        if (request.deletions() && syncer.destroyEventSubject().isEmpty()) {
            throw new InvalidSliceRequestException("Shopify logs no destroy events for '" + request.resource()
                    + "'; use mode 'reconcile' to find its deletions");
        }
        Duration budget = request.maxSeconds() == null ? config.maxDuration()
                : Duration.ofSeconds(request.maxSeconds());
        Deadline deadline = Deadline.after(budget, clock);
        if (callerDeadline.isPresent()) {
            Deadline caller = callerDeadline.get();
            deadline = deadline.earliest(new Deadline(caller.at().minus(config.safetyMargin()), clock));
        }
        int maxPages = request.maxPages() == null ? config.maxPages() : request.maxPages();
        long shopId = registry.idOf(shop);
        if (!registry.isActive(shopId)) {
            // uninstalled (app/uninstalled): its data stays, but Shopify would refuse our token anyway
            return new SliceResult(shop.domain(), syncer.resource(), request.mode() == null ? MODE_INCREMENTAL
                    : request.mode(), SliceOutcome.INACTIVE, 0, 0, 0, 0, 0, false, null);
        }
        return runLocked(shop, shopId, syncer, request, maxPages, deadline);
    }

    private <R extends SyncedRow> SliceResult runLocked(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            SliceRequest request, int maxPages, Deadline deadline) {
        Instant started = clock.instant();
        String resource = syncer.resource();
        String stream = request.stream();
        // A fixed partition is a backfill; the open-ended stream is the incremental sync.
        String mode = request.reconcile() || request.deletions() || request.refresh() ? request.mode()
                : request.partitioned() ? MODE_BACKFILL : MODE_INCREMENTAL;
        Lane lane = request.partitioned() ? Lane.BACKFILL : Lane.INCREMENTAL;
        Optional<SliceLock.Held> held = locks.acquire(shop.domain(), stream, config.lockTtl());
        if (held.isEmpty()) {
            SliceResult locked = new SliceResult(shop.domain(), resource, mode, SliceOutcome.LOCKED, 0, 0, 0, 0, 0,
                    true, null);
            runs.record(shopId, started, clock.instant(), locked, null, null);
            return locked;
        }
        if (request.reconcile() || request.deletions() || request.refresh()) {
            try {
                return request.reconcile() ? reconcile(shop, shopId, syncer, stream, maxPages, deadline, started)
                        : request.deletions() ? deletions(shop, shopId, syncer, stream, maxPages, deadline, started)
                        : refresh(shop, shopId, syncer, maxPages, deadline, started);
            } finally {
                locks.release(held.get());
            }
        }
        Progress progress = new Progress();
        Cursor before = null;
        Cursor cursor = null;
        try {
            Optional<Cursor> stored = cursors.load(shop.domain(), stream);
            if (request.partitioned()) {
                before = stored.orElseGet(() -> Cursor.startingAt(null).openWindow(request.windowEnd())
                        .withWindowStart(request.windowStart()));
            } else {
                before = stored.orElseGet(() -> rebuild(shop, shopId, syncer));
            }
            cursor = before;
            if (!cursor.windowOpen()) {
                Instant end = clock.instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
                if (request.partitioned() || (cursor.watermark() != null && !end.isAfter(cursor.watermark()))) {
                    // a partition is done once its window has been paged to the end
                    return finish(shop, shopId, resource, mode, started, before, cursor, progress,
                            SliceOutcome.UP_TO_DATE);
                }
                cursor = cursor.openWindow(end);
            }
            SliceOutcome outcome = null;
            Duration pageEstimate = FIRST_PAGE_ESTIMATE;
            while (outcome == null) {
                if (progress.pages >= maxPages) {
                    outcome = SliceOutcome.BUDGET_SPENT;
                    break;
                }
                if (!deadline.allows(pageEstimate, Duration.ZERO)) {
                    outcome = SliceOutcome.DEADLINE;
                    break;
                }
                FetchedPage<R> page;
                try {
                    page = syncer.fetch(shop, new ResourceSyncer.Window(cursor.windowStart(), cursor.windowEnd()),
                            cursor.pageCursor(), lane, deadline);
                } catch (DeadlineReachedException e) {
                    outcome = SliceOutcome.DEADLINE;
                    break;
                }
                List<R> fresh = new ArrayList<>(page.rows().size());
                R last = null;
                for (R row : page.rows()) {
                    if (!syncer.sortedByUpdatedAt() || !cursor.alreadySeen(row.updatedAt(), row.id())) {
                        fresh.add(row);
                    }
                    if (last == null || after(row, last)) {
                        last = row;
                    }
                }
                syncer.persist(shopId, fresh);
                // The page is committed: only now may the cursor move past it.
                cursor = cursor.afterPage(last == null ? null : last.updatedAt(), last == null ? null : last.id(),
                        page.endCursor(), page.hasNextPage());
                cursors.save(shop.domain(), stream, cursor);
                progress.add(page, fresh.size());
                metrics.page(shop.domain(), resource, fresh.size(), page.costSpent(), page.throttledMs());
                // Budget waits are bounded by the deadline on their own; the estimate is about Shopify's latency.
                Duration took = Duration.ofMillis(page.requestMs());
                pageEstimate = took.compareTo(pageEstimate) > 0 || progress.pages == 1 ? took : pageEstimate;
                if (!page.hasNextPage()) {
                    outcome = SliceOutcome.COMPLETED;
                }
            }
            return finish(shop, shopId, resource, mode, started, before, cursor, progress, outcome);
        } catch (RuntimeException e) {
            throw failed(shop, shopId, resource, mode, stream, started, before, cursor, progress, e);
        } finally {
            locks.release(held.get());
        }
    }

    /**
     * One slice of a reconciliation pass: page through Shopify's ids in id order; for each page, soft-delete
     * the rows of that id range Shopify no longer has and fetch the ones the table lacks. The cursor holds the
     * last id covered and Shopify's page cursor, and moves only after the page's changes committed.
     */
    private <R extends SyncedRow> SliceResult reconcile(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            String stream, int maxPages, Deadline deadline, Instant started) {
        String resource = syncer.resource();
        Progress progress = new Progress();
        Cursor before = cursors.load(shop.domain(), stream).filter(Cursor::windowOpen)
                .orElseGet(() -> new Cursor(null, 0L, null, clock.instant(), null));
        Cursor cursor = before;
        try {
            SliceOutcome outcome = null;
            while (outcome == null) {
                if (progress.pages >= maxPages) {
                    outcome = SliceOutcome.BUDGET_SPENT;
                    break;
                }
                ResourceSyncer.IdPage ids;
                try {
                    ids = syncer.fetchIds(shop, cursor.pageCursor(), Lane.BACKFILL, deadline);
                } catch (DeadlineReachedException e) {
                    outcome = SliceOutcome.DEADLINE;
                    break;
                }
                Long upTo = ids.hasNextPage() ? ids.ids().stream().max(Long::compare).orElse(null) : null;
                ResourceSyncer.Reconciled reconciled = syncer.reconcile(shopId, cursor.watermarkId(), upTo, ids.ids());
                int fetched = 0;
                for (int from = 0; from < reconciled.missing().size(); from += RECONCILE_FETCH_BATCH) {
                    List<Long> batch = reconciled.missing().subList(from,
                            Math.min(reconciled.missing().size(), from + RECONCILE_FETCH_BATCH));
                    FetchedPage<R> rows = syncer.fetchByIds(shop, batch, Lane.BACKFILL, deadline);
                    syncer.persist(shopId, rows.rows());
                    fetched += rows.rows().size();
                    progress.addFollowUp(rows);
                }
                cursor = ids.hasNextPage() ? new Cursor(null, upTo, null, cursor.windowEnd(), ids.endCursor())
                        : new Cursor(null, 0L, null, null, null);
                cursors.save(shop.domain(), stream, cursor);
                progress.pages++;
                progress.records += reconciled.softDeleted() + fetched;
                progress.cost += ids.costSpent();
                progress.throttledMs += ids.throttledMs();
                progress.requestMs += ids.requestMs();
                if (reconciled.softDeleted() + fetched > 0) {
                    LOG.infof("reconcile %s/%s: %d soft-deleted, %d fetched back in ids (%d, %s]", shop.domain(),
                            resource, reconciled.softDeleted(), fetched, before.watermarkId(),
                            upTo == null ? "end" : upTo);
                }
                if (!ids.hasNextPage()) {
                    outcome = SliceOutcome.COMPLETED;
                }
            }
            return finish(shop, shopId, resource, SliceRequest.RECONCILE, started, before, cursor, progress, outcome);
        } catch (DeadlineReachedException e) {
            return finish(shop, shopId, resource, SliceRequest.RECONCILE, started, before, cursor, progress,
                    SliceOutcome.DEADLINE);
        } catch (RuntimeException e) {
            throw failed(shop, shopId, resource, SliceRequest.RECONCILE, stream, started, before, cursor, progress,
                    e);
        }
    }

    /**
     * One slice of a pass over Shopify's event log: the destroy events of the resource created in
     * {@code [last pass's end, now - lag]}, soft-deleting the rows they name page by page. Cheaper than
     * reconciliation (which pays for every live id), but events are kept for a year and only some resources log
     * them, so reconciliation still runs now and then. The window end lags like the incremental one, because the
     * event search index lags too.
     */
    private SliceResult deletions(ShopConnection shop, long shopId, ResourceSyncer<?> syncer, String stream,
            int maxPages, Deadline deadline, Instant started) {
        String resource = syncer.resource();
        String subject = syncer.destroyEventSubject().orElseThrow();
        Progress progress = new Progress();
        Cursor before = cursors.load(shop.domain(), stream).orElseGet(() -> Cursor.startingAt(null));
        Cursor cursor = before;
        try {
            if (!cursor.windowOpen()) {
                Instant end = clock.instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
                if (cursor.watermark() != null && !end.isAfter(cursor.watermark())) {
                    return finish(shop, shopId, resource, SliceRequest.DELETIONS, started, before, cursor, progress,
                            SliceOutcome.UP_TO_DATE);
                }
                cursor = cursor.openWindow(end);
            }
            SliceOutcome outcome = null;
            while (outcome == null) {
                if (progress.pages >= maxPages) {
                    outcome = SliceOutcome.BUDGET_SPENT;
                    break;
                }
                DestroyEventReader.DestroyedPage page;
                try {
                    page = destroyEvents.page(shop, subject, new ResourceSyncer.Window(cursor.windowStart(),
                            cursor.windowEnd()), cursor.pageCursor(), Lane.INCREMENTAL, deadline);
                } catch (DeadlineReachedException e) {
                    outcome = SliceOutcome.DEADLINE;
                    break;
                }
                int deleted = syncer.softDeleteDestroyed(shopId, page.destroyed());
                // Committed: the window's next page, or the window done and its end the next pass's start.
                cursor = page.hasNextPage()
                        ? new Cursor(cursor.watermark(), 0L, cursor.windowStart(), cursor.windowEnd(), page.endCursor())
                        : Cursor.startingAt(cursor.windowEnd());
                cursors.save(shop.domain(), stream, cursor);
                progress.pages++;
                progress.records += deleted;
                progress.cost += page.costSpent();
                progress.throttledMs += page.throttledMs();
                progress.requestMs += page.requestMs();
                if (deleted > 0) {
                    LOG.infof("destroy events %s/%s: %d soft-deleted", shop.domain(), resource, deleted);
                }
                if (!page.hasNextPage()) {
                    outcome = SliceOutcome.COMPLETED;
                }
            }
            return finish(shop, shopId, resource, SliceRequest.DELETIONS, started, before, cursor, progress, outcome);
        } catch (RuntimeException e) {
            throw failed(shop, shopId, resource, SliceRequest.DELETIONS, stream, started, before, cursor, progress,
                    e);
        }
    }

    /**
     * One slice of re-reading what webhooks queued: batches of up to 250 ids through {@code nodes(ids:)} on the
     * webhook lane (it may spend the bucket to zero: these are the freshest changes), each batch written in one
     * transaction. A batch is in flight until it committed; one that fails, or that a crash left behind, goes
     * back on the queue. Ids Shopify no longer has are left to deletions and reconciliation.
     */
    private <R extends SyncedRow> SliceResult refresh(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            int maxPages, Deadline deadline, Instant started) {
        String resource = syncer.resource();
        Progress progress = new Progress();
        Cursor none = Cursor.startingAt(null);
        // a batch a crashed slice left in flight goes first (this slice holds the stream's lock)
        refreshQueue.requeueInFlight(shop.domain(), resource);
        SliceOutcome outcome = null;
        while (outcome == null) {
            if (progress.pages >= maxPages) {
                outcome = SliceOutcome.BUDGET_SPENT;
                break;
            }
            List<Long> batch = refreshQueue.take(shop.domain(), resource, RECONCILE_FETCH_BATCH);
            if (batch.isEmpty()) {
                outcome = SliceOutcome.COMPLETED;
                break;
            }
            try {
                FetchedPage<R> page = syncer.fetchByIds(shop, batch, Lane.WEBHOOK, deadline);
                syncer.persist(shopId, page.rows());
                refreshQueue.committed(shop.domain(), resource);
                progress.add(page, page.rows().size());
            } catch (DeadlineReachedException e) {
                refreshQueue.requeueInFlight(shop.domain(), resource);
                outcome = SliceOutcome.DEADLINE;
            } catch (RuntimeException e) {
                try {
                    refreshQueue.requeueInFlight(shop.domain(), resource);
                } catch (RuntimeException requeueFailed) {
                    // Redis is down: the batch stays in flight and the next refresh slice requeues it
                    e.addSuppressed(requeueFailed);
                }
                throw failed(shop, shopId, resource, SliceRequest.REFRESH, resource + "#refresh", started, none,
                        null, progress, e);
            }
        }
        SliceResult result = new SliceResult(shop.domain(), resource, SliceRequest.REFRESH, outcome,
                progress.records, progress.pages, progress.cost, progress.throttledMs, progress.requestMs,
                outcome != SliceOutcome.COMPLETED, null);
        runs.record(shopId, started, clock.instant(), result, none, null);
        return result;
    }

    /** Records the failed slice (what committed before the error stays) and wraps the error for the caller. */
    private SliceFailedException failed(ShopConnection shop, long shopId, String resource, String mode,
            String stream, Instant started, Cursor before, Cursor cursor, Progress progress, RuntimeException e) {
        SliceResult failed = new SliceResult(shop.domain(), resource, mode, SliceOutcome.FAILED, progress.records,
                progress.pages, progress.cost, progress.throttledMs, progress.requestMs, true, cursor);
        LOG.errorf("slice %s/%s failed after %d committed pages: %s", shop.domain(), stream, progress.pages,
                e.getMessage());
        try {
            runs.record(shopId, started, clock.instant(), failed, before, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        } catch (RuntimeException recordingFailed) {
            // PostgreSQL itself may be what failed: never let the audit row hide the original error.
            e.addSuppressed(recordingFailed);
        }
        return new SliceFailedException(shop.domain(), stream, e);
    }

    private SliceResult finish(ShopConnection shop, long shopId, String resource, String mode, Instant started,
            Cursor before, Cursor cursor, Progress progress, SliceOutcome outcome) {
        SliceResult result = new SliceResult(shop.domain(), resource, mode, outcome, progress.records,
                progress.pages, progress.cost, progress.throttledMs, progress.requestMs, cursor.windowOpen(), cursor);
        runs.record(shopId, started, clock.instant(), result, before, null);
        return result;
    }

    private <R extends SyncedRow> Cursor rebuild(ShopConnection shop, long shopId, ResourceSyncer<R> syncer) {
        Optional<Instant> max = syncer.maxUpdatedAt(shopId);
        Instant watermark = max.map(m -> m.minus(config.rebuildLookback()).truncatedTo(ChronoUnit.SECONDS))
                .orElse(null);
        LOG.infof("no cursor for %s/%s: rebuilt from PostgreSQL, resuming at %s", shop.domain(), syncer.resource(),
                watermark == null ? "the beginning" : watermark);
        return Cursor.startingAt(watermark);
    }

    private static boolean after(SyncedRow a, SyncedRow b) {
        int byTime = a.updatedAt().compareTo(b.updatedAt());
        return byTime > 0 || (byTime == 0 && a.id() > b.id());
    }

    /** Running totals of one slice. */
    private static final class Progress {
        int pages;
        int records;
        int cost;
        long throttledMs;
        long requestMs;

        void add(FetchedPage<?> page, int written) {
            pages++;
            records += written;
            cost += page.costSpent();
            throttledMs += page.throttledMs();
            requestMs += page.requestMs();
        }

        /** Requests made on behalf of the current page (its records are counted by the caller). */
        void addFollowUp(FetchedPage<?> page) {
            cost += page.costSpent();
            throttledMs += page.throttledMs();
            requestMs += page.requestMs();
        }
    }
}
