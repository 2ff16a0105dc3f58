package dev.shopsync.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.transaction.Transactional;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.persistence.PersistenceFailure;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * Writes pages of one resource family in one transaction each: the subclass says how rows (and their
 * children) become set-based statements; reconciliation against Shopify's id set is the same for all. Each write is
 * a span ({@code page write}, {@code page delete}, {@code page reconcile}) that encloses its transaction's commit:
 * the tracing interceptor runs outside the transaction's.
 */
public abstract class PageWriter<R> {

    private final DataSource dataSource;
    private final IdReconciler reconciler;
    private final String what;
    private final Changes changes;
    private final Entity.Kind kind;

    /** @param kind the entity each row of the table is */
    protected PageWriter(DataSource dataSource, IdReconciler reconciler, String what, Changes changes,
            Entity.Kind kind) {
        this.dataSource = dataSource;
        this.reconciler = reconciler;
        this.what = what;
        this.changes = changes;
        this.kind = kind;
    }

    /** Needed by CDI to proxy subclasses; never used to write. */
    protected PageWriter() {
        this(null, null, null, null, null);
    }

    /** Records that the current transaction changed the rows with these ids. */
    protected void changed(long shopId, java.util.Collection<Long> ids) {
        changes.record(shopId, kind, ids);
    }

    /** Records that the current transaction changed other entities of the shop. */
    protected void changed(long shopId, Entity.Kind otherKind, java.util.Collection<Long> ids) {
        changes.record(shopId, otherKind, ids);
    }

    /**
     * Ids related to {@code ids}: {@code sql} selects one bigint column and takes the shop id, then the ids as an
     * array ({@code ... WHERE shop_id = ? AND x = ANY(?)}).
     */
    protected static List<Long> related(Connection connection, String sql, long shopId, List<Long> ids)
            throws SQLException {
        List<Long> found = new java.util.ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            statement.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            try (java.sql.ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(result.getLong(1));
                }
            }
        }
        return found;
    }

    /**
     * Called inside the transaction that soft-deleted these rows, before their children are removed: a subclass
     * records what else their deletion changes. The rows themselves are already recorded.
     */
    protected void deleting(Connection connection, long shopId, List<Long> ids) throws SQLException {
    }

    /** Writes the rows with the statements of the subclass; returns the rows applied (not older than stored). */
    protected abstract int write(Connection connection, long shopId, List<R> rows) throws SQLException;

    /** Upserts the rows and replaces their children, in ONE transaction. */
    @WithSpan("page write")
    @Transactional
    public int write(long shopId, List<R> rows) {
        Span span = Span.current().setAttribute("db.collection.name", reconciler.table())
                .setAttribute("shopsync.rows", rows.size());
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            int applied = write(connection, shopId, rows);
            span.setAttribute("shopsync.rows_applied", applied);
            return applied;
        } catch (SQLException e) {
            throw new PersistenceFailure("writing " + rows.size() + " " + what + " of shop " + shopId, e);
        }
    }

    /** See {@link IdReconciler#softDeleteDestroyed}: applies destroy events in one transaction. */
    @WithSpan("page delete")
    @Transactional
    public int softDeleteDestroyed(long shopId, Map<Long, Instant> destroyed) {
        Span span = Span.current().setAttribute("db.collection.name", reconciler.table())
                .setAttribute("shopsync.rows", destroyed.size());
        try (Connection connection = dataSource.getConnection()) {
            List<Long> gone = reconciler.softDeleteDestroyed(connection, shopId, destroyed);
            span.setAttribute("shopsync.rows_applied", gone.size());
            deleted(connection, shopId, gone);
            return gone.size();
        } catch (SQLException e) {
            throw new PersistenceFailure("applying destroy events to " + what + " of shop " + shopId, e);
        }
    }

    /** See {@link IdReconciler}: soft-deletes what Shopify no longer has, returns what the table lacks. */
    @WithSpan("page reconcile")
    @Transactional
    public ResourceSyncer.Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        Span span = Span.current().setAttribute("db.collection.name", reconciler.table())
                .setAttribute("shopsync.rows", shopifyIds.size());
        try (Connection connection = dataSource.getConnection()) {
            IdReconciler.Outcome outcome = reconciler.reconcile(connection, shopId, afterId, upToId, shopifyIds);
            span.setAttribute("shopsync.rows_applied", outcome.gone().size());
            deleted(connection, shopId, outcome.gone());
            return new ResourceSyncer.Reconciled(outcome.gone().size(), outcome.missing());
        } catch (SQLException e) {
            throw new PersistenceFailure("reconciling " + what + " of shop " + shopId, e);
        }
    }

    private void deleted(Connection connection, long shopId, List<Long> gone) throws SQLException {
        if (gone.isEmpty()) {
            return;
        }
        changed(shopId, gone);
        deleting(connection, shopId, gone);
        reconciler.deleteChildren(connection, shopId, gone);
    }
}
