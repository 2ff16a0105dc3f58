package dev.shopsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.time.Deadline;

/**
 * A {@code deletions} slice over Shopify's event log: the destroy events of the resource created in
 * {@code [last pass's end, now - lag]}, soft-deleting the rows they name page by page. Cheaper than reconciliation
 * (which pays for every live id), but events are kept for a year and only some resources log them, so
 * reconciliation still runs now and then. The window end lags like the incremental one, because the event search
 * index lags too.
 */
final class DeletionsMode implements SliceMode {

    private static final Logger LOG = Logger.getLogger(DeletionsMode.class);

    private final ShopConnection shop;
    private final long shopId;
    private final ResourceSyncer<?> syncer;
    private final String subject;
    private final String stream;
    private final DestroyEventReader destroyEvents;
    private final CursorStore cursors;
    private final SyncConfig config;
    private final Clock clock;

    DeletionsMode(ShopConnection shop, long shopId, ResourceSyncer<?> syncer, String stream,
            DestroyEventReader destroyEvents, CursorStore cursors, SyncConfig config, Clock clock) {
        this.shop = shop;
        this.shopId = shopId;
        this.syncer = syncer;
        this.subject = syncer.destroyEventSubject().orElseThrow();
        this.stream = stream;
        this.destroyEvents = destroyEvents;
        this.cursors = cursors;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return SliceRequest.DELETIONS;
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public Start begin() {
        Cursor before = cursors.load(shop.domain(), stream).orElseGet(() -> Cursor.startingAt(null));
        if (before.windowOpen()) {
            return Start.at(before, before);
        }
        Instant end = clock.instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
        if (before.watermark() != null && !end.isAfter(before.watermark())) {
            return Start.upToDate(before);
        }
        return Start.at(before, before.openWindow(end));
    }

    @Override
    public Optional<Page> next(Cursor cursor, Deadline deadline) {
        DestroyEventReader.DestroyedPage page = destroyEvents.page(shop, subject, new ResourceSyncer.Window(
                cursor.windowStart(), cursor.windowEnd()), cursor.pageCursor(), Lane.INCREMENTAL, deadline);
        int deleted = syncer.softDeleteDestroyed(shopId, page.destroyed());
        // Committed: the window's next page, or the window done and its end the next pass's start.
        Cursor next = page.hasNextPage()
                ? new Cursor(cursor.watermark(), 0L, cursor.windowStart(), cursor.windowEnd(), page.endCursor())
                : Cursor.startingAt(cursor.windowEnd());
        cursors.save(shop.domain(), stream, next);
        if (deleted > 0) {
            LOG.infof("destroy events %s/%s: %d soft-deleted", shop.domain(), syncer.resource(), deleted);
        }
        return Optional.of(new Page(next, deleted, page.costSpent(), page.throttledMs(), page.requestMs(),
                !page.hasNextPage()));
    }
}
