package dev.shopsync.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.shopsync.bulk.BulkJobStore;
import dev.shopsync.compliance.LifecycleRequests;
import dev.shopsync.bulk.BulkResource;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.state.CursorStore;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.sync.ResourceSyncer;
import dev.shopsync.sync.SliceRequest;

/**
 * Decides, for every active shop and resource, which slices are due, and queues each one once. Per resource:
 * a bulk {@code backfill} while one runs or when the resource was never synced (and it has one), the
 * {@code incremental} sync otherwise; a {@code refresh} while webhooks left ids queued; {@code deletions} every
 * {@code deletions-every} and {@code reconcile} every {@code reconcile-every} once the backfill is over. A stream
 * already queued or running is not queued again, and a shop never has more than {@code max-queued-per-shop}.
 * A shop with open lifecycle requests (app/uninstalled, shop/redact) gets a {@code lifecycle} slice first; an
 * uninstalled shop gets nothing else, except a reinstall probe every {@code reinstall-probe-every}.
 */
@ApplicationScoped
public class SlicePlanner {

    private static final Logger LOG = Logger.getLogger(SlicePlanner.class);
    private static final String LIFECYCLE_STREAM = SliceRequest.SHOP + "#" + SliceRequest.LIFECYCLE;

    private final ShopDirectory shops;
    private final ShopRegistry registry;
    private final Map<String, ResourceSyncer<?>> syncers;
    private final Map<String, BulkResource> bulkResources;
    private final CursorStore cursors;
    private final BulkJobStore bulkJobs;
    private final RefreshQueue refreshQueue;
    private final QueuedSlices queued;
    private final SliceQueue queue;
    private final PlanningMarks marks;
    private final PlannerConfig config;
    private final Clock clock;
    private final LifecycleRequests lifecycle;
    private final Traces traces;

    public SlicePlanner(ShopDirectory shops, ShopRegistry registry, Instance<ResourceSyncer<?>> syncers,
            Instance<BulkResource> bulkResources, CursorStore cursors, BulkJobStore bulkJobs,
            RefreshQueue refreshQueue, QueuedSlices queued, SliceQueue queue, PlanningMarks marks,
            PlannerConfig config, Clock clock, LifecycleRequests lifecycle, Traces traces) {
        this.lifecycle = lifecycle;
        this.traces = traces;
        this.shops = shops;
        this.registry = registry;
        this.syncers = syncers.stream().collect(Collectors.toMap(ResourceSyncer::resource, Function.identity(),
                (a, b) -> a, TreeMap::new));
        this.bulkResources = bulkResources.stream().collect(Collectors.toMap(BulkResource::resource,
                Function.identity(), (a, b) -> a, TreeMap::new));
        this.cursors = cursors;
        this.bulkJobs = bulkJobs;
        this.refreshQueue = refreshQueue;
        this.queued = queued;
        this.queue = queue;
        this.marks = marks;
        this.config = config;
        this.clock = clock;
    }

    /** One planning round over every shop, or only over {@code only} when it is not empty: the slices queued. */
    public List<SliceRequest> plan(Set<String> only) {
        List<SliceRequest> planned = new ArrayList<>();
        Set<Long> requested = lifecycle.shopsWithOpenRequests();
        for (ShopConnection shop : shops.all()) {
            if (!only.isEmpty() && !only.contains(shop.domain())) {
                continue;
            }
            try (Traced span = traces.start("plan shop")) {
                span.set("shopsync.shop", shop.domain());
                long shopId = registry.idOf(shop);
                List<SliceRequest> queuedNow = List.of();
                if (registry.isActive(shopId)) {
                    queuedNow = planShop(shop, requested.contains(shopId));
                } else if (requested.contains(shopId) || isDue(shop.domain(), LIFECYCLE_STREAM)) {
                    // uninstalled: its open requests (shop/redact), or now and then a probe for a reinstall
                    queuedNow = planLifecycleOnly(shop, !requested.contains(shopId));
                }
                span.set("shopsync.queued", queuedNow.size());
                planned.addAll(queuedNow);
            }
        }
        LOG.infof("planner: %d slices queued", planned.size());
        return planned;
    }

    private List<SliceRequest> planShop(ShopConnection shop, boolean lifecycleRequested) {
        List<List<SliceRequest>> due = due(shop.domain(), clock.instant());
        if (lifecycleRequested) {
            due.get(0).add(0, lifecycleRequest(shop.domain()));
        }
        return queue(shop, due);
    }

    private List<SliceRequest> planLifecycleOnly(ShopConnection shop, boolean probe) {
        List<SliceRequest> planned = queue(shop, List.of(List.of(lifecycleRequest(shop.domain()))));
        if (probe && !planned.isEmpty()) {
            marks.notDueFor(shop.domain(), LIFECYCLE_STREAM, clock.instant(), config.reinstallProbeEvery());
        }
        return planned;
    }

    private List<SliceRequest> queue(ShopConnection shop, List<List<SliceRequest>> due) {
        Instant now = clock.instant();
        long room = config.maxQueuedPerShop() - queued.active(shop.domain(), now.minus(config.staleAfter()));
        List<SliceRequest> planned = new ArrayList<>();
        Map<String, String> lastPlanned = marks.lastPlanned(shop.domain());
        for (SliceRequest request : inTurn(due, lastPlanned)) {
            if (room <= 0) {
                break;
            }
            if (queued.claim(shop.domain(), request.stream(), now)) {
                try {
                    queue.send(request, Duration.ZERO);
                } catch (RuntimeException e) {
                    // not queued after all: let the next round try again
                    queued.release(shop.domain(), request.stream());
                    throw e;
                }
                if (request.deletions() || request.reconcile()) {
                    Duration every = request.deletions() ? config.deletionsEvery() : config.reconcileEvery();
                    marks.notDueFor(shop.domain(), request.stream(), now, every);
                }
                marks.planned(shop.domain(), request.stream(), now);
                planned.add(request);
                room--;
            }
        }
        return planned;
    }

    /**
     * The due slices by urgency class (refresh, sync, housekeeping), and inside a class the stream queued longest ago
     * first: a shop with more due streams than {@code max-queued-per-shop} gets to all of them in turn.
     */
    private static List<SliceRequest> inTurn(List<List<SliceRequest>> classes, Map<String, String> lastPlanned) {
        List<SliceRequest> ordered = new ArrayList<>();
        for (List<SliceRequest> due : classes) {
            List<SliceRequest> sorted = new ArrayList<>(due);
            sorted.sort(Comparator.comparingLong(r -> Long.parseLong(lastPlanned.getOrDefault(r.stream(), "0"))));
            ordered.addAll(sorted);
        }
        return ordered;
    }

    /** What is due for the shop, by urgency: webhook refreshes, the sync itself, then housekeeping. */
    private List<List<SliceRequest>> due(String shop, Instant now) {
        List<SliceRequest> refreshes = new ArrayList<>();
        List<SliceRequest> syncs = new ArrayList<>();
        List<SliceRequest> housekeeping = new ArrayList<>();
        for (ResourceSyncer<?> syncer : syncers.values()) {
            String resource = syncer.resource();
            if (refreshQueue.size(shop, resource) > 0) {
                refreshes.add(request(shop, resource, SliceRequest.REFRESH));
            }
            if (backfilling(shop, resource)) {
                syncs.add(request(shop, resource, SliceRequest.BACKFILL));
                continue;
            }
            syncs.add(request(shop, resource, null));
            if (syncer.destroyEventSubject().isPresent() && isDue(shop, resource + "#" + SliceRequest.DELETIONS)) {
                housekeeping.add(request(shop, resource, SliceRequest.DELETIONS));
            }
            if (isDue(shop, resource + "#" + SliceRequest.RECONCILE)) {
                housekeeping.add(request(shop, resource, SliceRequest.RECONCILE));
            }
        }
        return new ArrayList<>(List.of(refreshes, syncs, housekeeping));
    }

    /** A bulk backfill runs, or the resource was never synced and can be backfilled in bulk. */
    private boolean backfilling(String shop, String resource) {
        if (!bulkResources.containsKey(resource)) {
            return false;
        }
        return bulkJobs.load(shop, resource).map(job -> !job.complete())
                .orElseGet(() -> cursors.load(shop, resource).isEmpty());
    }

    /** A periodic stream is due when its not-due marker has expired (or was never set). */
    private boolean isDue(String shop, String stream) {
        return marks.isDue(shop, stream);
    }

    private static SliceRequest lifecycleRequest(String shop) {
        return request(shop, SliceRequest.SHOP, SliceRequest.LIFECYCLE);
    }

    private static SliceRequest request(String shop, String resource, String mode) {
        return new SliceRequest(shop, resource, null, null, null, null, mode);
    }
}
