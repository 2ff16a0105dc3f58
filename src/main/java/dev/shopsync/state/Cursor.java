package dev.shopsync.state;

import java.time.Instant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where one (shop, resource) stream stands.
 *
 * @param watermark   the highest {@code updated_at} persisted so far (null: nothing yet, start from the beginning)
 * @param watermarkId tie-break: the highest id persisted at exactly {@code watermark}; rows at or below
 *                    {@code (watermark, watermarkId)} are known and skipped
 * @param windowStart inclusive lower bound of the window being paged (null: unbounded)
 * @param windowEnd   inclusive upper bound of the window being paged; null when no window is open
 * @param pageCursor  Shopify's {@code endCursor} of the last committed page of the open window
 */
@RegisterForReflection
public record Cursor(Instant watermark, long watermarkId, Instant windowStart, Instant windowEnd, String pageCursor) {

    public static Cursor startingAt(Instant watermark) {
        return new Cursor(watermark, 0L, null, null, null);
    }

    public boolean windowOpen() {
        return windowEnd != null;
    }

    public Cursor openWindow(Instant end) {
        return new Cursor(watermark, watermarkId, watermark, end, null);
    }

    /** The same cursor over a window with another lower bound (fixed partitions). */
    public Cursor withWindowStart(Instant start) {
        return new Cursor(watermark, watermarkId, start, windowEnd, pageCursor);
    }

    /** True when {@code (updatedAt, id)} was already persisted by an earlier page or window. */
    public boolean alreadySeen(Instant updatedAt, long id) {
        if (watermark == null) {
            return false;
        }
        int byTime = updatedAt.compareTo(watermark);
        return byTime < 0 || (byTime == 0 && id <= watermarkId);
    }

    /** The cursor after a committed page whose highest row was {@code (updatedAt, id)} (null if none). */
    public Cursor afterPage(Instant lastUpdatedAt, Long lastId, String endCursor, boolean windowHasMore) {
        Instant newWatermark = watermark;
        long newWatermarkId = watermarkId;
        if (lastUpdatedAt != null && !alreadySeen(lastUpdatedAt, lastId)) {
            newWatermark = lastUpdatedAt;
            newWatermarkId = lastId;
        }
        if (windowHasMore) {
            return new Cursor(newWatermark, newWatermarkId, windowStart, windowEnd, endCursor);
        }
        return new Cursor(newWatermark, newWatermarkId, null, null, null);
    }
}
