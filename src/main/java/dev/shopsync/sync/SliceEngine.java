package dev.shopsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.shopsync.budget.Lane;
import dev.shopsync.bulk.BulkBackfill;
import dev.shopsync.bulk.BulkResource;
import dev.shopsync.observability.LogContext;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.state.SliceLock;

/**
 * Runs one bounded slice of one (shop, resource) stream: load the cursor from Redis (or rebuild it from the offset
 * committed in PostgreSQL), page through the open {@code updated_at} window, commit each page together with the
 * cursor past it in one transaction ({@link PageCommit}), move the Redis copy only after that commit, and stop at the
 * page budget or before the deadline, always between pages. The other modes run under the same validation and lock
 * in passes of their own: {@link IdReconciliationPass}, {@link DestroyEventPass}, {@link RefreshPass}.
 */
@ApplicationScoped
public class SliceEngine {

    private static final Logger LOG = Logger.getLogger(SliceEngine.class);
    static final String MODE_INCREMENTAL = "incremental";
    /** A fixed window of the incremental stream (a partition run concurrently with the others). */
    static final String MODE_PARTITION = "partition";
    /** Assumed duration of the first page of a slice, before one has been measured. */
    private static final Duration FIRST_PAGE_ESTIMATE = Duration.ofSeconds(2);

    private final ShopDirectory shops;
    private final ShopRegistry registry;
    private final Map<String, ResourceSyncer<?>> syncers;
    private final CursorStore cursors;
    private final SliceLock locks;
    private final SliceRuns runs;
    private final SyncConfig config;
    private final Clock clock;
    private final IdReconciliationPass reconciliation;
    private final DestroyEventPass destroyEvents;
    private final RefreshPass refresh;
    private final Map<String, BulkResource> bulkResources;
    private final BulkBackfill backfill;
    private final LifecyclePass lifecycle;
    private final PageCommit pages;

    public SliceEngine(ShopDirectory shops, ShopRegistry registry, Instance<ResourceSyncer<?>> syncers,
            CursorStore cursors, SliceLock locks, SliceRuns runs, SyncConfig config,
            Clock clock, IdReconciliationPass reconciliation, DestroyEventPass destroyEvents, RefreshPass refresh,
            Instance<BulkResource> bulkResources, BulkBackfill backfill, LifecyclePass lifecycle,
            PageCommit pages) {
        this.lifecycle = lifecycle;
        this.bulkResources = bulkResources.stream().collect(Collectors.toMap(BulkResource::resource,
                Function.identity(), (a, b) -> a, java.util.TreeMap::new));
        this.backfill = backfill;
        this.pages = pages;
        this.shops = shops;
        this.registry = registry;
        this.syncers = syncers.stream().collect(Collectors.toMap(ResourceSyncer::resource, Function.identity(),
                (a, b) -> a, java.util.TreeMap::new));
        this.cursors = cursors;
        this.locks = locks;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
        this.reconciliation = reconciliation;
        this.destroyEvents = destroyEvents;
        this.refresh = refresh;
    }

    /**
     * @param request        what to sync; validated before anything is touched
     * @param callerDeadline when the caller (the Lambda runtime) must have its answer, if known
     */
    public SliceResult run(SliceRequest request, Optional<Deadline> callerDeadline) {
        try (LogContext log = LogContext.slice(request.shop(), request.resource(),
                request.mode() == null ? MODE_INCREMENTAL : request.mode(), UUID.randomUUID().toString())) {
            return runLogged(request, callerDeadline);
        }
    }

    private SliceResult runLogged(SliceRequest request, Optional<Deadline> callerDeadline) {
        request.validated(config.maxSecondsLimit());
        ShopConnection shop = shops.require(request.shop());
        if (request.lifecycle()) {
            return lifecycle(shop, request, callerDeadline);
        }
        ResourceSyncer<?> syncer = syncers.get(request.resource());
        if (syncer == null) {
            throw new InvalidSliceRequestException("unknown resource '" + request.resource() + "'; supported: "
                    + syncers.keySet());
        }
        if (request.backfill() && !bulkResources.containsKey(request.resource())) {
            throw new InvalidSliceRequestException("'" + request.resource() + "' has no bulk backfill; supported: "
                    + bulkResources.keySet());
        }
        if (request.deletions() && syncer.destroyEventSubject().isEmpty()) {
            throw new InvalidSliceRequestException("Shopify logs no destroy events for '" + request.resource()
                    + "'; use mode 'reconcile' to find its deletions");
        }
        Deadline deadline = deadline(request, callerDeadline);
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
        String mode = request.wholeResource() ? request.mode()
                : request.partitioned() ? MODE_PARTITION : MODE_INCREMENTAL;
        Lane lane = request.partitioned() ? Lane.BACKFILL : Lane.INCREMENTAL;
        Optional<SliceLock.Held> held = locks.acquire(shop.domain(), stream, config.lockTtl());
        if (held.isEmpty()) {
            SliceResult locked = new SliceResult(shop.domain(), resource, mode, SliceOutcome.LOCKED, 0, 0, 0, 0, 0,
                    true, null);
            runs.record(shopId, started, locked, null);
            return locked;
        }
        if (request.backfill()) {
            try {
                return bulkBackfill(shop, shopId, resource, deadline, started);
            } finally {
                locks.release(held.get());
            }
        }
        if (request.reconcile() || request.deletions() || request.refresh()) {
            try {
                return request.reconcile() ? reconciliation.run(shop, shopId, syncer, stream, maxPages, deadline,
                        started)
                        : request.deletions() ? destroyEvents.run(shop, shopId, syncer, stream, maxPages, deadline,
                                started)
                        : refresh.run(shop, shopId, syncer, maxPages, deadline, started);
            } finally {
                locks.release(held.get());
            }
        }
        SliceProgress progress = new SliceProgress();
        Cursor before = null;
        Cursor cursor = null;
        try {
            before = cursors.load(shop.domain(), stream).orElseGet(() -> rebuild(shop, shopId, stream, request));
            cursor = before;
            if (!cursor.windowOpen()) {
                Instant end = clock.instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
                if (request.partitioned() || (cursor.watermark() != null && !end.isAfter(cursor.watermark()))) {
                    // a partition is done once its window has been paged to the end
                    return runs.finish(shop, shopId, resource, mode, started, before, cursor, progress,
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
                Cursor next = cursor.afterPage(last == null ? null : last.updatedAt(), last == null ? null : last.id(),
                        page.endCursor(), page.hasNextPage());
                // The page and the cursor past it commit together; only then does the Redis copy move.
                pages.commit(syncer, shopId, fresh, stream, next);
                cursor = next;
                cursors.save(shop.domain(), stream, cursor);
                progress.add(page, fresh.size());
                // Budget waits are bounded by the deadline on their own; the estimate is about Shopify's latency.
                Duration took = Duration.ofMillis(page.requestMs());
                pageEstimate = took.compareTo(pageEstimate) > 0 || progress.pages == 1 ? took : pageEstimate;
                if (!page.hasNextPage()) {
                    outcome = SliceOutcome.COMPLETED;
                }
            }
            return runs.finish(shop, shopId, resource, mode, started, before, cursor, progress, outcome);
        } catch (RuntimeException e) {
            throw runs.failed(shop, shopId, resource, mode, stream, started, before, cursor, progress, e);
        } finally {
            locks.release(held.get());
        }
    }

    private Deadline deadline(SliceRequest request, Optional<Deadline> callerDeadline) {
        Duration ceiling = Duration.ofSeconds(config.maxSecondsLimit());
        Duration budget = request.maxSeconds() == null
                ? (config.maxDuration().compareTo(ceiling) > 0 ? ceiling : config.maxDuration())
                : Duration.ofSeconds(request.maxSeconds());
        Deadline deadline = Deadline.after(budget, clock);
        if (callerDeadline.isPresent()) {
            Deadline caller = callerDeadline.get();
            deadline = deadline.earliest(new Deadline(caller.at().minus(config.safetyMargin()), clock));
        }
        return deadline;
    }

    /** The shop's lifecycle requests (see {@link LifecyclePass}); runs for uninstalled shops too, under its lock. */
    private SliceResult lifecycle(ShopConnection shop, SliceRequest request, Optional<Deadline> callerDeadline) {
        Instant started = clock.instant();
        long shopId = registry.idOf(shop);
        int maxPages = request.maxPages() == null ? config.maxPages() : request.maxPages();
        Optional<SliceLock.Held> held = locks.acquire(shop.domain(), request.stream(), config.lockTtl());
        if (held.isEmpty()) {
            SliceResult locked = new SliceResult(shop.domain(), SliceRequest.SHOP, SliceRequest.LIFECYCLE,
                    SliceOutcome.LOCKED, 0, 0, 0, 0, 0, true, null);
            runs.record(shopId, started, locked, null);
            return locked;
        }
        try {
            return lifecycle.run(shop, shopId, maxPages, deadline(request, callerDeadline), started);
        } finally {
            locks.release(held.get());
        }
    }

    /** One step of the resource's Bulk Operations backfill (see {@link BulkBackfill}). */
    private SliceResult bulkBackfill(ShopConnection shop, long shopId, String resource, Deadline deadline,
            Instant started) {
        Cursor none = Cursor.startingAt(null);
        try {
            BulkBackfill.Step step = backfill.run(shop, shopId, bulkResources.get(resource), deadline);
            SliceOutcome outcome = switch (step.stop()) {
                case COMPLETE -> SliceOutcome.COMPLETED;
                case WAITING -> SliceOutcome.WAITING;
                case DEADLINE -> SliceOutcome.DEADLINE;
            };
            SliceResult result = new SliceResult(shop.domain(), resource, SliceRequest.BACKFILL, outcome,
                    step.linesWritten(), 0, step.cost(), 0, 0, step.stop() != BulkBackfill.Stop.COMPLETE, null);
            runs.record(shopId, started, result, none);
            return result;
        } catch (RuntimeException e) {
            throw runs.failed(shop, shopId, resource, SliceRequest.BACKFILL, resource + "#backfill", started, none,
                    null, new SliceProgress(), e);
        }
    }

    /**
     * A cursor Redis lost or cannot read: the one committed with the stream's last page. Never {@code max(updated_at)}
     * of the table: webhooks write rows newer than the last page and would push it past rows changed in the gap.
     * A stream without a committed offset (its first slice; a deployment upgraded without a sync_run to seed it)
     * starts from the beginning, a partition at its window's start: reading again is safe, skipping is not.
     */
    private Cursor rebuild(ShopConnection shop, long shopId, String stream, SliceRequest request) {
        Optional<Cursor> committed = pages.committed(shopId, stream);
        if (committed.isPresent()) {
            LOG.infof("no cursor for %s/%s in Redis: rebuilt from the offset committed in PostgreSQL, watermark %s",
                    shop.domain(), stream, committed.get().watermark());
            cursors.save(shop.domain(), stream, committed.get());
            return committed.get();
        }
        if (request.partitioned()) {
            return Cursor.startingAt(null).openWindow(request.windowEnd()).withWindowStart(request.windowStart());
        }
        LOG.infof("no cursor for %s/%s and no committed offset: starting from the beginning", shop.domain(), stream);
        return Cursor.startingAt(null);
    }

    private static boolean after(SyncedRow a, SyncedRow b) {
        int byTime = a.updatedAt().compareTo(b.updatedAt());
        return byTime > 0 || (byTime == 0 && a.id() > b.id());
    }

}
