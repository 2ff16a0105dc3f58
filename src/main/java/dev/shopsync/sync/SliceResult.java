package dev.shopsync.sync;

import dev.shopsync.state.Cursor;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one slice did, returned to the caller and recorded in {@code sync_run}.
 *
 * @param requestMs time spent in HTTP exchanges with Shopify (the page latency the slice saw)
 */
@RegisterForReflection
public record SliceResult(String shop, String resource, String mode, SliceOutcome outcome, int records, int pages,
        int costSpent, long throttledMs, long requestMs, boolean hasMore, Cursor cursor) {
}
