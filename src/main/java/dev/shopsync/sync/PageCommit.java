package dev.shopsync.sync;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.state.Cursor;
import dev.shopsync.state.StreamOffsets;

/**
 * The one place a stream's page meets its offset: the rows and the cursor past them are written in ONE PostgreSQL
 * transaction, for every resource, the incremental stream and its partitions alike. The caller moves the Redis copy
 * only after this returns (committed).
 */
@ApplicationScoped
public class PageCommit {

    private final StreamOffsets offsets;

    public PageCommit(StreamOffsets offsets) {
        this.offsets = offsets;
    }

    /**
     * Upserts the page (the syncer's writer joins this transaction) and records {@code offset} as where the stream
     * stands, also for a page with nothing new (its page cursor still moved).
     *
     * @return the rows written
     */
    @Transactional
    public <R extends SyncedRow> int commit(ResourceSyncer<R> syncer, long shopId, List<R> rows, String stream,
            Cursor offset) {
        int written = syncer.persist(shopId, rows);
        offsets.save(shopId, stream, offset);
        return written;
    }

    /** The cursor committed with the stream's last page, to rebuild one Redis lost or cannot read. */
    public Optional<Cursor> committed(long shopId, String stream) {
        return offsets.load(shopId, stream);
    }
}
