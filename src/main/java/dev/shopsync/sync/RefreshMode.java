package dev.shopsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.time.Deadline;

/**
 * A {@code refresh} slice: re-reads the ids webhooks queued, in batches of up to 250 through {@code nodes(ids:)} on
 * the webhook lane (it may spend the bucket to zero: these are the freshest changes), each batch written in one
 * transaction. A batch is in flight until it committed; one that fails, or that a crash left behind, goes back on
 * the queue. An id Shopify answers {@code null} for no longer exists there: its row is soft-deleted as of that
 * answer. This is how a deletion webhook takes effect: its body only names the id, Shopify confirms.
 */
final class RefreshMode<R extends SyncedRow> extends PositionlessMode {

    private final ShopConnection shop;
    private final long shopId;
    private final ResourceSyncer<R> syncer;
    private final RefreshQueue queue;
    private final Clock clock;

    RefreshMode(ShopConnection shop, long shopId, ResourceSyncer<R> syncer, RefreshQueue queue, Clock clock) {
        this.shop = shop;
        this.shopId = shopId;
        this.syncer = syncer;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public String name() {
        return SliceRequest.REFRESH;
    }

    @Override
    public String stream() {
        return syncer.resource() + "#refresh";
    }

    @Override
    public Start begin() {
        // a batch a crashed slice left in flight goes first (this slice holds the stream's lock)
        queue.requeueInFlight(shop.domain(), syncer.resource());
        return Start.at(NONE, NONE);
    }

    @Override
    public Optional<Page> next(Cursor cursor, Deadline deadline) {
        List<Long> batch = queue.take(shop.domain(), syncer.resource(), ReconcileMode.NODES_PER_REQUEST);
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        FetchedPage<R> page = syncer.fetchByIds(shop, batch, Lane.WEBHOOK, deadline);
        syncer.persist(shopId, page.rows());
        int deleted = confirmDeletions(page.absentIds(), clock.instant());
        queue.committed(shop.domain(), syncer.resource());
        return Optional.of(new Page(NONE, page.rows().size() + deleted, page.costSpent(), page.throttledMs(),
                page.requestMs(), false));
    }

    @Override
    public void abandoned() {
        // Redis being down leaves the batch in flight: the next refresh slice requeues it (see begin)
        queue.requeueInFlight(shop.domain(), syncer.resource());
    }

    /** Soft-deletes what Shopify answered {@code null} for, as of now (a row written later is a newer state). */
    private int confirmDeletions(List<Long> absent, Instant asOf) {
        if (absent.isEmpty()) {
            return 0;
        }
        Map<Long, Instant> gone = new HashMap<>();
        absent.forEach(id -> gone.put(id, asOf));
        return syncer.softDeleteDestroyed(shopId, gone);
    }
}
