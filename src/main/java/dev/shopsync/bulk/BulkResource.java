package dev.shopsync.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A resource that can be backfilled from a bulk result: its bulk query, and how a chunk of result lines becomes
 * rows. Implemented next to each resource's syncer, with its page writer's statements.
 */
public interface BulkResource {

    /** What the backfill asks Shopify for this resource. */
    BulkQueries queries();

    /** The resource name, as in slice requests. */
    default String resource() {
        return queries().resource();
    }

    /**
     * Writes one chunk of lines in the caller's transaction. Lines come in file order: a parent before its children,
     * which are not adjacent to it and may be in a later chunk.
     *
     * @param firstLine the chunk's first line number in the file (0-based), for what is ordered by file position
     * @return ids of parents the bulk query could not bring whole, to be re-read through the refresh queue
     */
    List<Long> write(Connection connection, long shopId, List<BulkLine> lines, long firstLine) throws SQLException;
}
