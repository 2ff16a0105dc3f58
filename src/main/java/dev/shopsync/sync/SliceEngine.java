package dev.shopsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.state.SliceLock;
import dev.shopsync.time.Deadline;

/**
 * Runs one bounded slice of one (shop, resource) stream: validates the request, takes the stream's lock, chooses
 * the mode ({@link SliceModes}: incremental or partition, reconcile, deletions, refresh, backfill;
 * {@link LifecyclePass} for the shop's lifecycle requests) and hands it to the one page loop ({@link SliceLoop}),
 * which owns the page budget, the deadline, the commit-then-cursor order and the {@code sync_run} record.
 */
@ApplicationScoped
public class SliceEngine {

    private final ShopDirectory shops;
    private final ShopRegistry registry;
    private final Map<String, ResourceSyncer<?>> syncers;
    private final SliceLock locks;
    private final SliceRuns runs;
    private final SyncConfig config;
    private final Clock clock;
    private final SliceModes modes;
    private final SliceLoop loop;
    private final LifecyclePass lifecycle;
    private final Traces traces;

    public SliceEngine(ShopDirectory shops, ShopRegistry registry, Instance<ResourceSyncer<?>> syncers,
            SliceLock locks, SliceRuns runs, SyncConfig config, Clock clock, SliceModes modes, SliceLoop loop,
            LifecyclePass lifecycle, Traces traces) {
        this.shops = shops;
        this.registry = registry;
        this.syncers = syncers.stream().collect(Collectors.toMap(ResourceSyncer::resource, Function.identity(),
                (a, b) -> a, TreeMap::new));
        this.locks = locks;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
        this.modes = modes;
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.traces = traces;
    }

    /**
     * @param request        what to sync; validated before anything is touched
     * @param callerDeadline when the caller (the Lambda runtime) must have its answer, if known
     */
    public SliceResult run(SliceRequest request, Optional<Deadline> callerDeadline) {
        String sliceId = UUID.randomUUID().toString();
        try (LogContext log = LogContext.slice(request.shop(), request.resource(), modeName(request), sliceId);
                Traced span = traces.start("slice")) {
            span.set("shopsync.shop", request.shop()).set("shopsync.resource", request.resource())
                    .set("shopsync.mode", modeName(request)).set("shopsync.slice_id", sliceId);
            try {
                SliceResult result = runLogged(request, callerDeadline);
                span.outcome(result.outcome().name()).set("shopsync.records", result.records())
                        .set("shopsync.pages", result.pages()).set("shopify.cost.spent", result.costSpent())
                        .set("shopify.throttled_ms", result.throttledMs()).set("shopsync.has_more", result.hasMore());
                return result;
            } catch (RuntimeException e) {
                span.outcome(e instanceof InvalidSliceRequestException ? "REFUSED" : "FAILED").failed(e);
                throw e;
            }
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
        if (request.backfill() && !modes.backfillable().contains(request.resource())) {
            throw new InvalidSliceRequestException("'" + request.resource() + "' has no bulk backfill; supported: "
                    + modes.backfillable());
        }
        if (request.deletions() && syncer.destroyEventSubject().isEmpty()) {
            throw new InvalidSliceRequestException("Shopify logs no destroy events for '" + request.resource()
                    + "'; use mode 'reconcile' to find its deletions");
        }
        Deadline deadline = deadline(request, callerDeadline);
        // a backfill's pages are chunks of a file Shopify has already built: only time bounds them, unless asked
        int maxPages = request.maxPages() != null ? request.maxPages()
                : request.backfill() ? Integer.MAX_VALUE : config.maxPages();
        long shopId = registry.idOf(shop);
        if (!registry.isActive(shopId)) {
            // uninstalled (app/uninstalled): its data stays, but Shopify would refuse our token anyway
            return SliceResult.of(shop.domain(), syncer.resource(), modeName(request), SliceOutcome.INACTIVE).build();
        }
        return runLocked(shop, shopId, syncer, request, maxPages, deadline);
    }

    private static String modeName(SliceRequest request) {
        return request.wholeResource() ? request.mode()
                : request.partitioned() ? IncrementalMode.PARTITION : IncrementalMode.INCREMENTAL;
    }

    private <R extends SyncedRow> SliceResult runLocked(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            SliceRequest request, int maxPages, Deadline deadline) {
        Instant started = clock.instant();
        Optional<SliceLock.Held> held = locks.acquire(shop.domain(), request.stream(), config.lockTtl());
        if (held.isEmpty()) {
            SliceResult locked = SliceResult.of(shop.domain(), syncer.resource(), modeName(request),
                    SliceOutcome.LOCKED).hasMore(true).build();
            runs.record(shopId, started, locked, null);
            return locked;
        }
        try {
            return loop.run(shop, shopId, syncer.resource(), modes.of(shop, shopId, syncer, request), maxPages,
                    deadline, started);
        } finally {
            try {
                syncer.sliceEnded(shopId, deadline);
            } finally {
                locks.release(held.get());
            }
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

    /**
     * The shop's lifecycle requests (see {@link LifecyclePass}), through the same loop as the resources' modes; runs
     * for uninstalled shops too, under its lock.
     */
    private SliceResult lifecycle(ShopConnection shop, SliceRequest request, Optional<Deadline> callerDeadline) {
        Instant started = clock.instant();
        long shopId = registry.idOf(shop);
        int maxPages = request.maxPages() == null ? config.maxPages() : request.maxPages();
        Optional<SliceLock.Held> held = locks.acquire(shop.domain(), request.stream(), config.lockTtl());
        if (held.isEmpty()) {
            SliceResult locked = SliceResult.of(shop.domain(), SliceRequest.SHOP, SliceRequest.LIFECYCLE,
                    SliceOutcome.LOCKED).hasMore(true).build();
            runs.record(shopId, started, locked, null);
            return locked;
        }
        try {
            Deadline deadline = deadline(request, callerDeadline);
            return loop.run(shop, shopId, SliceRequest.SHOP, lifecycle.mode(shop, shopId, deadline), maxPages,
                    deadline, started);
        } finally {
            locks.release(held.get());
        }
    }
}
