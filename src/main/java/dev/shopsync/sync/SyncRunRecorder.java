package dev.shopsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.observability.SyncMetrics;
import dev.shopsync.persistence.SyncRunEntity;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;

/** Writes the {@code sync_run} row of a slice, in its own transaction so failures are recorded too. */
@ApplicationScoped
public class SyncRunRecorder {

    private static final int MAX_ERROR_LENGTH = 2000;

    private final CursorStore cursors;
    private final SyncMetrics metrics;

    public SyncRunRecorder(CursorStore cursors, SyncMetrics metrics) {
        this.cursors = cursors;
        this.metrics = metrics;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(long shopId, Instant startedAt, Instant endedAt, SliceResult result, Cursor before,
            String error) {
        SyncRunEntity run = new SyncRunEntity();
        run.shopId = shopId;
        run.resource = result.resource();
        run.mode = result.mode();
        run.startedAt = startedAt.atOffset(ZoneOffset.UTC);
        run.endedAt = endedAt.atOffset(ZoneOffset.UTC);
        run.pages = result.pages();
        run.records = result.records();
        run.costSpent = result.costSpent();
        run.throttledMs = result.throttledMs();
        run.hasMore = result.hasMore();
        run.outcome = result.outcome().name();
        run.error = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        run.cursorBefore = before == null ? null : cursors.toJson(before);
        run.cursorAfter = result.cursor() == null ? null : cursors.toJson(result.cursor());
        run.persist();
        metrics.slice(result.shop(), result.resource(), result.mode(), result.outcome().name(),
                Duration.between(startedAt, endedAt));
        metrics.recordsSynced(result.shop(), result.resource(), result.records());
        if (result.cursor() != null && result.cursor().watermark() != null) {
            metrics.freshnessLag(result.shop(), result.resource(), Duration.between(result.cursor().watermark(),
                    endedAt));
        }
    }
}
