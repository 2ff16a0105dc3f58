package dev.shopsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;

/**
 * A {@code deletions} slice: soft-deletes what Shopify's event log says was destroyed (see {@link #run}).
 */
@ApplicationScoped
public class DestroyEventPass {

    private static final Logger LOG = Logger.getLogger(DestroyEventPass.class);

    private final DestroyEventReader destroyEvents;
    private final CursorStore cursors;
    private final SliceRuns runs;
    private final SyncConfig config;
    private final Clock clock;

    public DestroyEventPass(DestroyEventReader destroyEvents, CursorStore cursors, SliceRuns runs, SyncConfig config,
            Clock clock) {
        this.destroyEvents = destroyEvents;
        this.cursors = cursors;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    /**
     * One slice of a pass over Shopify's event log: the destroy events of the resource created in
     * {@code [last pass's end, now - lag]}, soft-deleting the rows they name page by page. Cheaper than
     * reconciliation (which pays for every live id), but events are kept for a year and only some resources log
     * them, so reconciliation still runs now and then. The window end lags like the incremental one, because the
     * event search index lags too.
     */
    SliceResult run(ShopConnection shop, long shopId, ResourceSyncer<?> syncer, String stream,
            int maxPages, Deadline deadline, Instant started) {
        String resource = syncer.resource();
        String subject = syncer.destroyEventSubject().orElseThrow();
        SliceProgress progress = new SliceProgress();
        Cursor before = cursors.load(shop.domain(), stream).orElseGet(() -> Cursor.startingAt(null));
        Cursor cursor = before;
        try {
            if (!cursor.windowOpen()) {
                Instant end = clock.instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
                if (cursor.watermark() != null && !end.isAfter(cursor.watermark())) {
                    return runs.finish(shop, shopId, resource, SliceRequest.DELETIONS, started, before, cursor,
                            progress, SliceOutcome.UP_TO_DATE);
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
            return runs.finish(shop, shopId, resource, SliceRequest.DELETIONS, started, before, cursor, progress,
                    outcome);
        } catch (RuntimeException e) {
            throw runs.failed(shop, shopId, resource, SliceRequest.DELETIONS, stream, started, before, cursor, progress,
                    e);
        }
    }

}
