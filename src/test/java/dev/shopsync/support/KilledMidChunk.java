package dev.shopsync.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import dev.shopsync.bulk.BulkLine;
import dev.shopsync.bulk.BulkResource;

/** Test-only: lets {@link ChunkKiller} kill a bulk chunk after half of its lines were written. */
@Decorator
@Priority(10)
public abstract class KilledMidChunk implements BulkResource {

    /** What a killed invocation throws; nothing of the chunk may survive it. */
    public static final class Killed extends RuntimeException {
        Killed() {
            super("invocation killed mid-chunk (test)");
        }
    }

    @Inject
    @Delegate
    BulkResource delegate;

    @Inject
    ChunkKiller killer;

    @Override
    public List<Long> write(Connection connection, long shopId, List<BulkLine> lines, long firstLine)
            throws SQLException {
        if (lines.size() > 1 && killer.killNow()) {
            delegate.write(connection, shopId, lines.subList(0, lines.size() / 2), firstLine);
            throw new Killed();
        }
        return delegate.write(connection, shopId, lines, firstLine);
    }
}
