package dev.shopsync.sync;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.time.Deadline;

/**
 * A {@code reconcile} slice: Shopify's id set against the table, page by page in id order. For each page of ids,
 * the rows of that id range Shopify no longer has are soft-deleted and the ones the table lacks are fetched. The
 * cursor holds the last id covered and Shopify's page cursor, and moves only after the page's changes committed.
 */
final class ReconcileMode<R extends SyncedRow> implements SliceMode {

    /** Ids fetched back per request: Shopify's nodes(ids:) limit. */
    static final int NODES_PER_REQUEST = 250;
    private static final Logger LOG = Logger.getLogger(ReconcileMode.class);

    private final ShopConnection shop;
    private final long shopId;
    private final ResourceSyncer<R> syncer;
    private final String stream;
    private final CursorStore cursors;
    private final Clock clock;

    ReconcileMode(ShopConnection shop, long shopId, ResourceSyncer<R> syncer, String stream, CursorStore cursors,
            Clock clock) {
        this.shop = shop;
        this.shopId = shopId;
        this.syncer = syncer;
        this.stream = stream;
        this.cursors = cursors;
        this.clock = clock;
    }

    @Override
    public String name() {
        return SliceRequest.RECONCILE;
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public Start begin() {
        Cursor before = cursors.load(shop.domain(), stream).filter(Cursor::windowOpen)
                .orElseGet(() -> new Cursor(null, 0L, null, clock.instant(), null));
        return Start.at(before, before);
    }

    @Override
    public Optional<Page> next(Cursor cursor, Deadline deadline) {
        ResourceSyncer.IdPage ids = syncer.fetchIds(shop, cursor.pageCursor(), Lane.BACKFILL, deadline);
        Long upTo = ids.hasNextPage() ? ids.ids().stream().max(Long::compare).orElse(null) : null;
        ResourceSyncer.Reconciled reconciled = syncer.reconcile(shopId, cursor.watermarkId(), upTo, ids.ids());
        int fetched = 0;
        int cost = ids.costSpent();
        long throttledMs = ids.throttledMs();
        long requestMs = ids.requestMs();
        List<Long> missing = reconciled.missing();
        for (int from = 0; from < missing.size(); from += NODES_PER_REQUEST) {
            List<Long> batch = missing.subList(from, Math.min(missing.size(), from + NODES_PER_REQUEST));
            FetchedPage<R> rows = syncer.fetchByIds(shop, batch, Lane.BACKFILL, deadline);
            syncer.persist(shopId, rows.rows());
            fetched += rows.rows().size();
            cost += rows.costSpent();
            throttledMs += rows.throttledMs();
            requestMs += rows.requestMs();
        }
        Cursor next = ids.hasNextPage() ? new Cursor(null, upTo, null, cursor.windowEnd(), ids.endCursor())
                : new Cursor(null, 0L, null, null, null);
        cursors.save(shop.domain(), stream, next);
        if (reconciled.softDeleted() + fetched > 0) {
            LOG.infof("reconcile %s/%s: %d soft-deleted, %d fetched back in ids (%d, %s]", shop.domain(),
                    syncer.resource(), reconciled.softDeleted(), fetched, cursor.watermarkId(),
                    upTo == null ? "end" : upTo);
        }
        return Optional.of(new Page(next, reconciled.softDeleted() + fetched, cost, throttledMs, requestMs,
                !ids.hasNextPage()));
    }
}
