package dev.shopsync.sync;

import java.time.Instant;

/** What the slice engine needs to know of any synced row: its identity and position in time. */
public interface SyncedRow {

    long id();

    Instant updatedAt();
}
