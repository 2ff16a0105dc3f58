package dev.shopsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CursorTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void rowsAtTheWatermarkAreSeenUpToTheTieBreakId() {
        Cursor cursor = new Cursor(T, 500L, null, null, null);
        assertTrue(cursor.alreadySeen(T.minusSeconds(1), 9_000L));
        assertTrue(cursor.alreadySeen(T, 500L));
        assertFalse(cursor.alreadySeen(T, 501L));
        assertFalse(cursor.alreadySeen(T.plusSeconds(1), 1L));
    }

    @Test
    void nothingIsSeenBeforeTheFirstPage() {
        assertFalse(Cursor.startingAt(null).alreadySeen(Instant.EPOCH, 1L));
    }

    @Test
    void aPageMovesTheWatermarkOnlyForward() {
        Instant end = T.plusSeconds(3600);
        Cursor open = new Cursor(T, 500L, null, null, null).openWindow(end);
        assertEquals(T, open.windowStart());

        Cursor mid = open.afterPage(T.plusSeconds(10), 7L, "c1", true);
        assertEquals(T.plusSeconds(10), mid.watermark());
        assertEquals(7L, mid.watermarkId());
        assertEquals("c1", mid.pageCursor());
        assertEquals(end, mid.windowEnd());

        Cursor replay = mid.afterPage(T, 400L, "c2", true);
        assertEquals(T.plusSeconds(10), replay.watermark(), "an older row never moves the watermark back");

        Cursor closed = mid.afterPage(null, null, null, false);
        assertFalse(closed.windowOpen());
        assertNull(closed.pageCursor());
        assertEquals(T.plusSeconds(10), closed.watermark());
    }
}
