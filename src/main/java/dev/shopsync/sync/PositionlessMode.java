package dev.shopsync.sync;

import dev.shopsync.state.Cursor;

/**
 * A mode whose position is kept elsewhere (a Redis queue, request rows): it reports no cursor, and has more until
 * it ends {@code COMPLETED}.
 */
abstract class PositionlessMode implements SliceMode {

    /** What such a mode pages "from": nothing; recorded as the slice's {@code cursor_before}. */
    static final Cursor NONE = Cursor.startingAt(null);

    @Override
    public boolean hasMore(SliceOutcome outcome, Cursor cursor) {
        return outcome != SliceOutcome.COMPLETED;
    }

    @Override
    public Cursor reported(Cursor cursor) {
        return null;
    }
}
