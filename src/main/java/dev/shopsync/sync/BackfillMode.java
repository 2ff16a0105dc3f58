package dev.shopsync.sync;

import java.util.Optional;

import dev.shopsync.bulk.BulkBackfill;
import dev.shopsync.state.Cursor;
import dev.shopsync.time.Deadline;

/**
 * A {@code backfill} slice: advances the resource's Bulk Operations backfill ({@link BulkBackfill}). Its pages are
 * the chunks of a result file, each committed with its checkpoint; the jobs' own steps (plan, start, poll, the next
 * window) happen inside whichever page comes next. A job Shopify is still running ends the slice {@code WAITING};
 * the whole range in PostgreSQL ends it {@code COMPLETED}. Its position is the job in Redis and the checkpoint in
 * PostgreSQL, not a cursor.
 */
final class BackfillMode extends PositionlessMode {

    private final String resource;
    private final BulkBackfill.Run backfill;

    BackfillMode(String resource, BulkBackfill.Run backfill) {
        this.resource = resource;
        this.backfill = backfill;
    }

    @Override
    public String name() {
        return SliceRequest.BACKFILL;
    }

    @Override
    public String stream() {
        return resource + "#backfill";
    }

    @Override
    public Start begin() {
        return Start.at(NONE, NONE);
    }

    @Override
    public Optional<Page> next(Cursor cursor, Deadline deadline) {
        long began = System.nanoTime();
        BulkBackfill.Advance advance = backfill.advance(deadline);
        SliceOutcome stop = advance.stop() == null ? null : switch (advance.stop()) {
            case COMPLETE -> SliceOutcome.COMPLETED;
            case WAITING -> SliceOutcome.WAITING;
        };
        return Optional.of(new Page(NONE, advance.linesWritten(), advance.cost(), 0,
                (System.nanoTime() - began) / 1_000_000, stop));
    }

    @Override
    public void close() {
        backfill.close();
    }
}
