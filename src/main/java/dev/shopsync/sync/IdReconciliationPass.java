package dev.shopsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;

/**
 * A {@code reconcile} slice: Shopify's id set against the table, page by page (see {@link #run}).
 */
@ApplicationScoped
public class IdReconciliationPass {

    /** Ids fetched back per request: Shopify's nodes(ids:) limit. */
    static final int NODES_PER_REQUEST = 250;
    private static final Logger LOG = Logger.getLogger(IdReconciliationPass.class);

    private final CursorStore cursors;
    private final SliceRuns runs;
    private final Clock clock;

    public IdReconciliationPass(CursorStore cursors, SliceRuns runs, Clock clock) {
        this.cursors = cursors;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * One slice of a reconciliation pass: page through Shopify's ids in id order; for each page, soft-delete
     * the rows of that id range Shopify no longer has and fetch the ones the table lacks. The cursor holds the
     * last id covered and Shopify's page cursor, and moves only after the page's changes committed.
     */
    <R extends SyncedRow> SliceResult run(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            String stream, int maxPages, Deadline deadline, Instant started) {
        String resource = syncer.resource();
        SliceProgress progress = new SliceProgress();
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
                for (int from = 0; from < reconciled.missing().size(); from += IdReconciliationPass.NODES_PER_REQUEST) {
                    List<Long> batch = reconciled.missing().subList(from,
                            Math.min(reconciled.missing().size(), from + IdReconciliationPass.NODES_PER_REQUEST));
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
            return runs.finish(shop, shopId, resource, SliceRequest.RECONCILE, started, before, cursor, progress,
                    outcome);
        } catch (DeadlineReachedException e) {
            return runs.finish(shop, shopId, resource, SliceRequest.RECONCILE, started, before, cursor, progress,
                    SliceOutcome.DEADLINE);
        } catch (RuntimeException e) {
            throw runs.failed(shop, shopId, resource, SliceRequest.RECONCILE, stream, started, before, cursor, progress,
                    e);
        }
    }

}
