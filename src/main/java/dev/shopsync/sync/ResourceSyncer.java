package dev.shopsync.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.time.Deadline;

/**
 * One Shopify resource family as the slice engine sees it: fetch a page of a window, persist rows in one
 * transaction, and tell where PostgreSQL stands when the cursor has to be rebuilt.
 */
public interface ResourceSyncer<R extends SyncedRow> {

    /** The name used in requests, Redis keys and {@code sync_run.resource}. */
    String resource();

    /** The next page of {@code updated_at} window {@code [start, end]} after {@code pageCursor}. */
    FetchedPage<R> fetch(ShopConnection shop, Window window, String pageCursor, Lane lane, Deadline deadline);

    /** Upserts the rows (and replaces their children) in ONE transaction; returns rows written. */
    int persist(long shopId, List<R> rows);

    /** Highest {@code updated_at} stored for the shop, for rebuilding a lost cursor. */
    Optional<Instant> maxUpdatedAt(long shopId);

    /** An inclusive {@code updated_at} window; a null start means from the beginning. */
    record Window(Instant start, Instant end) {
    }
}
