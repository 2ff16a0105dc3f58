package dev.shopsync.sync;

import dev.shopsync.state.Cursor;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one slice did, returned to the caller and recorded in {@code sync_run}. Built with {@link #of}: the counts
 * are named where they are set, never passed by position.
 *
 * @param requestMs time spent in HTTP exchanges with Shopify (the page latency the slice saw)
 */
@RegisterForReflection
public record SliceResult(String shop, String resource, String mode, SliceOutcome outcome, int records, int pages,
        int costSpent, long throttledMs, long requestMs, boolean hasMore, Cursor cursor) {

    /** A result of {@code mode} on the shop's resource, that ended with {@code outcome}. */
    public static Builder of(String shop, String resource, String mode, SliceOutcome outcome) {
        return new Builder(shop, resource, mode, outcome);
    }

    /** Names each count of a result; whatever is not set is zero, false or absent. */
    public static final class Builder {
        private final String shop;
        private final String resource;
        private final String mode;
        private final SliceOutcome outcome;
        private int records;
        private int pages;
        private int costSpent;
        private long throttledMs;
        private long requestMs;
        private boolean hasMore;
        private Cursor cursor;

        private Builder(String shop, String resource, String mode, SliceOutcome outcome) {
            this.shop = shop;
            this.resource = resource;
            this.mode = mode;
            this.outcome = outcome;
        }

        /** Pages, records, cost and times as the slice counted them. */
        Builder progress(SliceProgress progress) {
            this.records = progress.records;
            this.pages = progress.pages;
            this.costSpent = progress.cost;
            this.throttledMs = progress.throttledMs;
            this.requestMs = progress.requestMs;
            return this;
        }

        public Builder records(int records) {
            this.records = records;
            return this;
        }

        public Builder costSpent(int costSpent) {
            this.costSpent = costSpent;
            return this;
        }

        public Builder hasMore(boolean hasMore) {
            this.hasMore = hasMore;
            return this;
        }

        public Builder cursor(Cursor cursor) {
            this.cursor = cursor;
            return this;
        }

        public SliceResult build() {
            return new SliceResult(shop, resource, mode, outcome, records, pages, costSpent, throttledMs, requestMs,
                    hasMore, cursor);
        }
    }
}
