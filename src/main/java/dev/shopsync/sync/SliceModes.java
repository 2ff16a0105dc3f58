package dev.shopsync.sync;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

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

    public SliceModes(CursorStore cursors, PageCommit pages, DestroyEventReader destroyEvents,
            RefreshQueue refreshQueue, SyncConfig config, Clock clock) {
        this.cursors = cursors;
        this.pages = pages;
        this.destroyEvents = destroyEvents;
        this.refreshQueue = refreshQueue;
        this.config = config;
        this.clock = clock;
    }

    /** The paged mode of a validated request that is neither a backfill nor a lifecycle pass. */
    <R extends SyncedRow> SliceMode of(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            SliceRequest request) {
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
