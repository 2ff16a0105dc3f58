package dev.shopsync.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.time.Deadline;

/**
 * The {@code updated_at} stream of a resource, or one fixed partition of it: pages of the open window, each
 * committed together with the cursor past it in one transaction ({@link PageCommit}); the Redis copy of the cursor
 * moves only after that commit.
 */
final class IncrementalMode<R extends SyncedRow> implements SliceMode {

    private static final Logger LOG = Logger.getLogger(IncrementalMode.class);
    static final String INCREMENTAL = "incremental";
    /** A fixed window of the incremental stream (a partition run concurrently with the others). */
    static final String PARTITION = "partition";

    private final ShopConnection shop;
    private final long shopId;
    private final ResourceSyncer<R> syncer;
    private final SliceRequest request;
    private final CursorStore cursors;
    private final PageCommit pages;
    private final SyncConfig config;
    private final Clock clock;

    IncrementalMode(ShopConnection shop, long shopId, ResourceSyncer<R> syncer, SliceRequest request,
            CursorStore cursors, PageCommit pages, SyncConfig config, Clock clock) {
        this.shop = shop;
        this.shopId = shopId;
        this.syncer = syncer;
        this.request = request;
        this.cursors = cursors;
        this.pages = pages;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return request.partitioned() ? PARTITION : INCREMENTAL;
    }

    @Override
    public String stream() {
        return request.stream();
    }

    @Override
    public Start begin() {
        Cursor before = cursors.load(shop.domain(), stream()).orElseGet(this::rebuild);
        if (before.windowOpen()) {
            return Start.at(before, before);
        }
        Instant end = clock.instant().minus(config.lag()).truncatedTo(ChronoUnit.SECONDS);
        if (request.partitioned() || (before.watermark() != null && !end.isAfter(before.watermark()))) {
            // a partition is done once its window has been paged to the end
            return Start.upToDate(before);
        }
        return Start.at(before, before.openWindow(end));
    }

    @Override
    public Optional<Page> next(Cursor cursor, Deadline deadline) {
        Lane lane = request.partitioned() ? Lane.BACKFILL : Lane.INCREMENTAL;
        FetchedPage<R> page = syncer.fetch(shop, new ResourceSyncer.Window(cursor.windowStart(), cursor.windowEnd()),
                cursor.pageCursor(), lane, deadline);
        List<R> fresh = new ArrayList<>(page.rows().size());
        R last = null;
        for (R row : page.rows()) {
            if (!syncer.sortedByUpdatedAt() || !cursor.alreadySeen(row.updatedAt(), row.id())) {
                fresh.add(row);
            }
            if (last == null || after(row, last)) {
                last = row;
            }
        }
        Cursor next = cursor.afterPage(last == null ? null : last.updatedAt(), last == null ? null : last.id(),
                page.endCursor(), page.hasNextPage());
        // The page and the cursor past it commit together; only then does the Redis copy move.
        pages.commit(syncer, shopId, fresh, stream(), next);
        cursors.save(shop.domain(), stream(), next);
        return Optional.of(new Page(next, fresh.size(), page.costSpent(), page.throttledMs(), page.requestMs(),
                !page.hasNextPage()));
    }

    /**
     * A cursor Redis lost or cannot read: the one committed with the stream's last page. Never {@code max(updated_at)}
     * of the table: webhooks write rows newer than the last page and would push it past rows changed in the gap.
     * A stream without a committed offset (its first slice; a deployment upgraded without a sync_run to seed it)
     * starts from the beginning, a partition at its window's start: reading again is safe, skipping is not.
     */
    private Cursor rebuild() {
        Optional<Cursor> committed = pages.committed(shopId, stream());
        if (committed.isPresent()) {
            LOG.infof("no cursor for %s/%s in Redis: rebuilt from the offset committed in PostgreSQL, watermark %s",
                    shop.domain(), stream(), committed.get().watermark());
            cursors.save(shop.domain(), stream(), committed.get());
            return committed.get();
        }
        if (request.partitioned()) {
            return Cursor.startingAt(null).openWindow(request.windowEnd()).withWindowStart(request.windowStart());
        }
        LOG.infof("no cursor for %s/%s and no committed offset: starting from the beginning", shop.domain(),
                stream());
        return Cursor.startingAt(null);
    }

    private static boolean after(SyncedRow a, SyncedRow b) {
        int byTime = a.updatedAt().compareTo(b.updatedAt());
        return byTime > 0 || (byTime == 0 && a.id() > b.id());
    }
}
