package dev.shopsync.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.transaction.Transactional;

import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.persistence.PersistenceFailure;

/**
 * Writes pages of one resource family in one transaction each: the subclass says how rows (and their
 * children) become set-based statements; reconciliation against Shopify's id set is the same for all.
 */
public abstract class PageWriter<R> {

    private final DataSource dataSource;
    private final IdReconciler reconciler;
    private final String what;

    protected PageWriter(DataSource dataSource, IdReconciler reconciler, String what) {
        this.dataSource = dataSource;
        this.reconciler = reconciler;
        this.what = what;
    }

    /** Needed by CDI to proxy subclasses; never used to write. */
    protected PageWriter() {
        this(null, null, null);
    }

    /** Writes the rows with the statements of the subclass; returns the rows applied (not older than stored). */
    protected abstract int write(Connection connection, long shopId, List<R> rows) throws SQLException;

    /** Upserts the rows and replaces their children, in ONE transaction. */
    @Transactional
    public int write(long shopId, List<R> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            return write(connection, shopId, rows);
        } catch (SQLException e) {
            throw new PersistenceFailure("writing " + rows.size() + " " + what + " of shop " + shopId, e);
        }
    }

    /** See {@link IdReconciler#softDeleteDestroyed}: applies destroy events in one transaction. */
    @Transactional
    public int softDeleteDestroyed(long shopId, Map<Long, Instant> destroyed) {
        try (Connection connection = dataSource.getConnection()) {
            return reconciler.softDeleteDestroyed(connection, shopId, destroyed);
        } catch (SQLException e) {
            throw new PersistenceFailure("applying destroy events to " + what + " of shop " + shopId, e);
        }
    }

    /** See {@link IdReconciler}: soft-deletes what Shopify no longer has, returns what the table lacks. */
    @Transactional
    public ResourceSyncer.Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        try (Connection connection = dataSource.getConnection()) {
            IdReconciler.Outcome outcome = reconciler.reconcile(connection, shopId, afterId, upToId, shopifyIds);
            return new ResourceSyncer.Reconciled(outcome.softDeleted(), outcome.missing());
        } catch (SQLException e) {
            throw new PersistenceFailure("reconciling " + what + " of shop " + shopId, e);
        }
    }
}
