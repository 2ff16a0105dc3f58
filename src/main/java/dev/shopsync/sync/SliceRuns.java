package dev.shopsync.sync;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shopsync.persistence.RedactedSqlError;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;

/** How every kind of slice ends: its result, recorded in {@code sync_run}, or its failure, recorded and wrapped. */
@ApplicationScoped
public class SliceRuns {

    private static final Logger LOG = Logger.getLogger(SliceRuns.class);

    private final SyncRunRecorder runs;
    private final Clock clock;

    public SliceRuns(SyncRunRecorder runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Records a result that is already complete (a locked stream, a backfill step, a lifecycle pass). */
    void record(long shopId, Instant started, SliceResult result, Cursor before) {
        runs.record(shopId, started, clock.instant(), result, before, null);
    }

    /** Records the failed slice (what committed before the error stays) and wraps the error for the caller. */
    SliceFailedException failed(ShopConnection shop, long shopId, String resource, String mode,
            String stream, Instant started, Cursor before, Cursor cursor, SliceProgress progress, RuntimeException e) {
        SliceResult failed = SliceResult.of(shop.domain(), resource, mode, SliceOutcome.FAILED).progress(progress)
                .hasMore(true).cursor(cursor).build();
        // A database error's text can quote row values (personal data): only its SQLState and class are told.
        String error = RedactedSqlError.describe(e);
        Throwable cause = RedactedSqlError.redacted(e);
        LOG.errorf("slice %s/%s failed after %d committed pages: %s", shop.domain(), stream, progress.pages, error);
        try {
            runs.record(shopId, started, clock.instant(), failed, before, error);
        } catch (RuntimeException recordingFailed) {
            // PostgreSQL itself may be what failed: never let the audit row hide the original error.
            cause.addSuppressed(RedactedSqlError.redacted(recordingFailed));
        }
        return new SliceFailedException(shop.domain(), stream, cause);
    }

    /** Records how a paged slice ended; its mode says whether the stream has more and which cursor to report. */
    SliceResult finish(ShopConnection shop, long shopId, String resource, SliceMode mode, Instant started,
            Cursor before, Cursor cursor, SliceProgress progress, SliceOutcome outcome) {
        SliceResult result = SliceResult.of(shop.domain(), resource, mode.name(), outcome).progress(progress)
                .hasMore(mode.hasMore(outcome, cursor)).cursor(mode.reported(cursor)).build();
        runs.record(shopId, started, clock.instant(), result, before, null);
        return result;
    }
}
