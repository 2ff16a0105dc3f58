package dev.shopsync.sync;

import java.util.Optional;

import dev.shopsync.state.Cursor;
import dev.shopsync.time.Deadline;

/**
 * One kind of slice, as {@link SliceLoop} runs it: where it starts, how it fetches its next page and what it does
 * with it. The loop owns everything the kinds share: the page budget, the deadline, progress and the
 * {@code sync_run} record. A mode's {@link #next} commits the page's changes before it returns the cursor past
 * them, so the loop only ever reports a cursor that is already durable.
 */
interface SliceMode {

    /** The mode's name in results and {@code sync_run} ({@code incremental}, {@code reconcile}, …). */
    String name();

    /** The stream whose cursor this slice moves (a lock and an error message name it too). */
    String stream();

    /** Where this slice starts: the cursor as it stands, and the one to page from (empty: nothing to do now). */
    Start begin();

    /**
     * Fetches the page after {@code cursor}, commits what it means, moves the stream's cursor past it.
     *
     * @return the page, or empty when there was nothing left to fetch (the slice is complete)
     */
    Optional<Page> next(Cursor cursor, Deadline deadline);

    /** Whether the stream has more after a slice that ended with {@code outcome} at {@code cursor}. */
    default boolean hasMore(SliceOutcome outcome, Cursor cursor) {
        return cursor.windowOpen();
    }

    /** The cursor the result and {@code sync_run} report (none for modes without one). */
    default Cursor reported(Cursor cursor) {
        return cursor;
    }

    /** The page in progress will not commit (deadline or failure): put back what it took. */
    default void abandoned() {
    }

    /** The slice is over, however it ended: let go of what the mode holds open across pages (a result file). */
    default void close() {
    }

    /**
     * Where a slice starts.
     *
     * @param before  the stream's cursor as found, recorded as {@code cursor_before}
     * @param from    the cursor to page from; empty when there is nothing to page
     * @param outcome how a slice with nothing to page ends
     */
    record Start(Cursor before, Optional<Cursor> from, SliceOutcome outcome) {

        static Start at(Cursor before, Cursor from) {
            return new Start(before, Optional.of(from), null);
        }

        /** The stream's window is paged to now: nothing to do before time moves on. */
        static Start upToDate(Cursor before) {
            return new Start(before, Optional.empty(), SliceOutcome.UP_TO_DATE);
        }

        /** The work the mode exists for is done, or there was none. */
        static Start done(Cursor before) {
            return new Start(before, Optional.empty(), SliceOutcome.COMPLETED);
        }
    }

    /**
     * One committed page.
     *
     * @param after     the stream's cursor past it, already committed
     * @param records   rows it wrote or soft-deleted
     * @param requestMs time the page spent with its source (Shopify's HTTP exchanges; PostgreSQL for an erasure; the
     *                  download and commit of a bulk result's chunk), which sizes the next page's deadline estimate
     * @param stop      how the slice ends after this page ({@code COMPLETED}: it was the stream's or window's last;
     *                  {@code WAITING}: Shopify is still working), or null when another page may follow
     */
    record Page(Cursor after, int records, int cost, long throttledMs, long requestMs, SliceOutcome stop) {

        /** A page after which another may follow, or the last one. */
        Page(Cursor after, int records, int cost, long throttledMs, long requestMs, boolean last) {
            this(after, records, cost, throttledMs, requestMs, last ? SliceOutcome.COMPLETED : null);
        }
    }
}
