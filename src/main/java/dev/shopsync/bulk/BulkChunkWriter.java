package dev.shopsync.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.PersistenceFailure;
import dev.shopsync.state.RefreshQueue;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * Commits one chunk of a bulk result: its rows and the checkpoint after it, in ONE transaction, so the checkpoint
 * can never be ahead of the rows nor behind them.
 */
@ApplicationScoped
public class BulkChunkWriter {

    private static final String SAVE = "INSERT INTO bulk_checkpoint (shop_id, resource, operation_id, lines, bytes, "
            + "updated_at) VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (shop_id, resource) DO UPDATE SET "
            + "operation_id = excluded.operation_id, lines = excluded.lines, bytes = excluded.bytes, "
            + "updated_at = excluded.updated_at";

    private final DataSource dataSource;
    private final RefreshQueue refreshQueue;
    private final Changes changes;

    public BulkChunkWriter(DataSource dataSource, RefreshQueue refreshQueue, Changes changes) {
        this.dataSource = dataSource;
        this.refreshQueue = refreshQueue;
        this.changes = changes;
    }

    /**
     * Writes the lines and moves the checkpoint from {@code from} to {@code to}. Parents to re-read whole are queued
     * before the commit: if the commit then fails, re-reading them is harmless, while the other order could lose them.
     */
    @WithSpan("bulk chunk")
    @Transactional
    public void commit(String shop, long shopId, BulkResource resource, List<BulkLine> lines, BulkCheckpoint from,
            BulkCheckpoint to) {
        // the span encloses the commit: the tracing interceptor runs outside the transaction's
        Span.current().setAttribute("shopsync.resource", resource.resource()).setAttribute("shopsync.lines",
                lines.size()).setAttribute("shopsync.from_line", from.lines()).setAttribute("shopsync.to_line",
                        to.lines());
        // a chunk changes thousands of rows of a backfill: one shop-wide version stands for them all, cheaper to bump
        // than thousands, and cached answers of a shop being backfilled would not live long anyway
        changes.record(shopId, Entity.shop());
        try (Connection connection = dataSource.getConnection()) {
            List<Long> refresh = resource.write(connection, shopId, lines, from.lines());
            try (PreparedStatement save = connection.prepareStatement(SAVE)) {
                save.setLong(1, shopId);
                save.setString(2, resource.resource());
                save.setString(3, to.operationId());
                save.setLong(4, to.lines());
                save.setLong(5, to.bytes());
                save.executeUpdate();
            }
            if (!refresh.isEmpty()) {
                refreshQueue.enqueue(shop, resource.resource(), refresh);
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("writing " + lines.size() + " bulk lines of " + resource.resource()
                    + " for shop " + shopId, e);
        }
    }

    /** The checkpoint of the shop's resource, if its last result ingest was of {@code operationId}. */
    @Transactional
    public Optional<BulkCheckpoint> checkpoint(long shopId, String resource, String operationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT lines, bytes FROM bulk_checkpoint "
                        + "WHERE shop_id = ? AND resource = ? AND operation_id = ?")) {
            read.setLong(1, shopId);
            read.setString(2, resource);
            read.setString(3, operationId);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? Optional.of(new BulkCheckpoint(operationId, row.getLong(1), row.getLong(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading the bulk checkpoint of " + resource + " for shop " + shopId, e);
        }
    }
}
