package dev.shopsync.sync.collection;

import java.time.Instant;
import java.util.List;

import dev.shopsync.sync.SyncedRow;

/** A collection with ALL its member product ids in collection order, as stored in {@code collection}. */
public record CollectionRow(long id, String gid, String title, String handle, String sortOrder, boolean smart,
        Instant updatedAt, String raw, List<Long> productIds) implements SyncedRow {
}
