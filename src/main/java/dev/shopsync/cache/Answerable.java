package dev.shopsync.cache;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A question about one shop's synced data that can be answered from PostgreSQL and cached: it names itself (the cache
 * key within the shop) and builds its answer, declaring next to the query what the answer was built from.
 */
public interface Answerable {

    /** The shop the question is about (the {@code shop} table's id). */
    long shopId();

    /** Names the question within its shop, e.g. {@code product:42} or {@code collection:7:first=20:after=99}. */
    String key();

    /** Reads the answer in the caller's (read-only) transaction. */
    Answer build(Connection connection) throws SQLException;
}
