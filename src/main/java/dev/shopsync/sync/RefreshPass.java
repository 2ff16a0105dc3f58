package dev.shopsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;

/**
 * A {@code refresh} slice: re-reads the ids webhooks queued (see {@link #run}).
 */
@ApplicationScoped
public class RefreshPass {

    private final RefreshQueue refreshQueue;
    private final SliceRuns runs;
    private final Clock clock;

    public RefreshPass(RefreshQueue refreshQueue, SliceRuns runs, Clock clock) {
        this.refreshQueue = refreshQueue;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * One slice of re-reading what webhooks queued: batches of up to 250 ids through {@code nodes(ids:)} on the
     * webhook lane (it may spend the bucket to zero: these are the freshest changes), each batch written in one
     * transaction. A batch is in flight until it committed; one that fails, or that a crash left behind, goes
     * back on the queue. An id Shopify answers {@code null} for no longer exists there: its row is soft-deleted as
     * of that answer. This is how a deletion webhook takes effect: its body only names the id, Shopify confirms.
     */
    <R extends SyncedRow> SliceResult run(ShopConnection shop, long shopId, ResourceSyncer<R> syncer,
            int maxPages, Deadline deadline, Instant started) {
        String resource = syncer.resource();
        SliceProgress progress = new SliceProgress();
        Cursor none = Cursor.startingAt(null);
        // a batch a crashed slice left in flight goes first (this slice holds the stream's lock)
        refreshQueue.requeueInFlight(shop.domain(), resource);
        SliceOutcome outcome = null;
        while (outcome == null) {
            if (progress.pages >= maxPages) {
                outcome = SliceOutcome.BUDGET_SPENT;
                break;
            }
            List<Long> batch = refreshQueue.take(shop.domain(), resource, IdReconciliationPass.NODES_PER_REQUEST);
            if (batch.isEmpty()) {
                outcome = SliceOutcome.COMPLETED;
                break;
            }
            try {
                FetchedPage<R> page = syncer.fetchByIds(shop, batch, Lane.WEBHOOK, deadline);
                syncer.persist(shopId, page.rows());
                int deleted = confirmDeletions(shopId, syncer, page.absentIds(), clock.instant());
                refreshQueue.committed(shop.domain(), resource);
                progress.add(page, page.rows().size() + deleted);
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
                throw runs.failed(shop, shopId, resource, SliceRequest.REFRESH, resource + "#refresh", started, none,
                        null, progress, e);
            }
        }
        SliceResult result = new SliceResult(shop.domain(), resource, SliceRequest.REFRESH, outcome,
                progress.records, progress.pages, progress.cost, progress.throttledMs, progress.requestMs,
                outcome != SliceOutcome.COMPLETED, null);
        runs.record(shopId, started, result, none);
        return result;
    }

    /** Soft-deletes what Shopify answered {@code null} for, as of now (a row written later is a newer state). */
    private static <R extends SyncedRow> int confirmDeletions(long shopId, ResourceSyncer<R> syncer, List<Long> absent,
            Instant asOf) {
        if (absent.isEmpty()) {
            return 0;
        }
        Map<Long, Instant> gone = new HashMap<>();
        absent.forEach(id -> gone.put(id, asOf));
        return syncer.softDeleteDestroyed(shopId, gone);
    }
}
