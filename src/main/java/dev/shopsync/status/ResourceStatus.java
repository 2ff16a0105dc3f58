package dev.shopsync.status;

import java.time.Instant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How one resource of one shop stands, for an operator at a glance.
 *
 * @param watermark  the newest {@code updated_at} the incremental sync has stored (null: never synced)
 * @param lagSeconds now minus the watermark (null without one)
 * @param rows       live rows in the resource's table
 * @param lastRun    the newest {@code sync_run} of the resource, any mode (null: none)
 * @param backfill   the resource's bulk backfill (null: none was ever started)
 */
@RegisterForReflection
public record ResourceStatus(String shop, String resource, Instant watermark, Long lagSeconds, long rows,
        LastRun lastRun, Backfill backfill) {

    /** The newest slice of the resource. */
    @RegisterForReflection
    public record LastRun(String mode, String outcome, Instant endedAt, long records, String error) {
    }

    /** The bulk backfill: its current window and job, or that it is complete. */
    @RegisterForReflection
    public record Backfill(boolean complete, Instant windowStart, Instant windowEnd, Instant upperBound,
            String operationId, String status, long linesPersisted, long objectCount) {
    }
}
