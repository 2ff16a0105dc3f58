package dev.shopsync.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.time.Deadline;

/**
 * One Shopify resource family as the slice engine sees it: fetch a page of a window and persist rows in one
 * transaction (where the stream stands is recorded beside them by {@link PageCommit}, not read off the table).
 */
public interface ResourceSyncer<R extends SyncedRow> {

    /** The name used in requests, Redis keys and {@code sync_run.resource}. */
    String resource();

    /** The table of its rows (soft-deleted with {@code deleted_at}), e.g. {@code product}. */
    String table();

    /** The next page of {@code updated_at} window {@code [start, end]} after {@code pageCursor}. */
    FetchedPage<R> fetch(ShopConnection shop, Window window, String pageCursor, Lane lane, Deadline deadline);

    /** Upserts the rows (and replaces their children) in ONE transaction; returns rows written. */
    int persist(long shopId, List<R> rows);

    /** One page of the ids Shopify has, in id order (reconciliation). */
    IdPage fetchIds(ShopConnection shop, String pageCursor, Lane lane, Deadline deadline);

    /**
     * Compares one page of Shopify's ids, covering {@code (afterId, upToId]} ({@code upToId} null: to the end),
     * with the table: soft-deletes rows Shopify no longer has (and their children), in one transaction, and
     * returns the ids the table lacks or holds as deleted.
     */
    Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds);

    /**
     * The {@code EventSubjectType} whose destroy events name this resource's rows (e.g. {@code ORDER}); empty when
     * Shopify logs none, so only reconciliation finds its deletions.
     */
    default Optional<String> destroyEventSubject() {
        return Optional.empty();
    }

    /** Soft-deletes the rows destroyed as of the given instants, in ONE transaction; returns rows changed. */
    int softDeleteDestroyed(long shopId, Map<Long, Instant> destroyed);

    /** Fetches whole rows by id (reconciliation found them missing). */
    FetchedPage<R> fetchByIds(ShopConnection shop, List<Long> ids, Lane lane, Deadline deadline);

    /**
     * Whether pages come in {@code (updated_at, id)} order, so rows at or below the watermark can be skipped.
     * Small lists read whole in another order are written in full every window instead.
     */
    default boolean sortedByUpdatedAt() {
        return true;
    }

    /**
     * Called when a slice of this resource ended, whatever its mode or outcome, while its lock is still held: tables
     * derived from the synced rows catch up with what the slice committed, inside the deadline. Failures are the
     * implementation's to log; what it did not catch up stays marked for the next slice.
     */
    default void sliceEnded(long shopId, Deadline deadline) {
    }

    /** Ids in Shopify's id order and where the next page starts. */
    record IdPage(List<Long> ids, String endCursor, boolean hasNextPage, int costSpent, long throttledMs,
            long requestMs) {
    }

    /** What reconciling one id page changed and what it found missing. */
    record Reconciled(int softDeleted, List<Long> missing) {
    }

    /** An inclusive {@code updated_at} window; a null start means from the beginning. */
    record Window(Instant start, Instant end) {
    }
}
