package dev.shopsync.sync;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.shopsync.bulk.BulkBackfill;
import dev.shopsync.bulk.BulkResource;

import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.CursorStore;
import dev.shopsync.state.RefreshQueue;

/** Makes the {@link SliceMode} a request asks for, with what it needs to fetch and commit its pages. */
@ApplicationScoped
public class SliceModes {

    private final CursorStore cursors;
    private final PageCommit pages;
    private final DestroyEventReader destroyEvents;
    private final RefreshQueue refreshQueue;
    private final SyncConfig config;
    private final Clock clock;
    private final Map<String, BulkResource> bulkResources;
    private final BulkBackfill backfill;

    public SliceModes(CursorStore cursors, PageCommit pages, DestroyEventReader destroyEvents,
            RefreshQueue refreshQueue, SyncConfig config, Clock clock, Instance<BulkResource> bulkResources,
            BulkBackfill backfill) {
        this.bulkResources = bulkResources.stream().collect(Collectors.toMap(BulkResource::resource,
                Function.identity(), (a, b) -> a, TreeMap::new));
        this.backfill = backfill;
        this.cursors = cursors;
        this.pages = pages;
        this.destroyEvents = destroyEvents;
        this.refreshQueue = refreshQueue;
        this.config = config;
        this.clock = clock;
    }

    /** The resources a {@code backfill} slice can be asked for. */
    Set<String> backfillable() {
        return bulkResources.keySet();
    }

    /** The mode of a validated request that is not a lifecycle pass. */
    <R extends SyncedRow> SliceMode of(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            SliceRequest request) {
        if (request.backfill()) {
            return new BackfillMode(syncer.resource(), backfill.start(shop, shopId,
                    bulkResources.get(syncer.resource()), config.lag()));
        }
        if (request.reconcile()) {
            return new ReconcileMode<>(shop, shopId, syncer, request.stream(), cursors, clock);
        }
        if (request.deletions()) {
            return new DeletionsMode(shop, shopId, syncer, request.stream(), destroyEvents, cursors, config, clock);
        }
        if (request.refresh()) {
            return new RefreshMode<>(shop, shopId, syncer, refreshQueue, clock);
        }
        return new IncrementalMode<>(shop, shopId, syncer, request, cursors, pages, config, clock);
    }
}
