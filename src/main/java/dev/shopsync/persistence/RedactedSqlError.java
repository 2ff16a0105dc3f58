package dev.shopsync.persistence;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A database error as it may be shown: its SQLState and exception class, never the server's words. PostgreSQL's
 * messages quote row values (a duplicate key, a failing row, an input that does not parse) and pgjdbc's batch
 * errors quote the statement with its parameters: personal data that must stay out of logs, {@code sync_run.error}
 * and {@code /status}. It stands in for the original in a cause chain and keeps the original's stack trace, so
 * where it failed stays visible.
 */
public final class RedactedSqlError extends RuntimeException {

    private final String sqlState;

    private RedactedSqlError(String message, String sqlState, StackTraceElement[] trace) {
        super(message, null, false, true);
        this.sqlState = sqlState;
        setStackTrace(trace);
    }

    /** The SQLState of the database error, null if the driver gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** {@code SQLState 23505 (PSQLException)}: what may be said about a database error. */
    public static String describe(SQLException e) {
        return "SQLState " + sqlStateOf(e) + " (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * One line about any failure that is safe to log and record: {@code Class: message}, where a failure caused by a
     * database error says only {@code Class: database error, SQLState … (…)}.
     */
    public static String describe(Throwable e) {
        SQLException database = databaseErrorIn(e);
        if (database == null) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": database error, " + describe(database);
    }

    /**
     * {@code e} itself when no database error is among its causes; otherwise one stand-in for the whole chain that
     * says what {@link #describe(Throwable)} says, with the stack trace of {@code e}.
     */
    public static Throwable redacted(Throwable e) {
        return redact(e);
    }

    /** See {@link #redacted(Throwable)}; a runtime exception stays one. */
    public static RuntimeException redacted(RuntimeException e) {
        return (RuntimeException) redact(e);
    }

    private static Throwable redact(Throwable e) {
        SQLException database = databaseErrorIn(e);
        if (database == null) {
            return e;
        }
        if (e == database) {
            return new RedactedSqlError(describe(database), sqlStateOf(database), e.getStackTrace());
        }
        return new RedactedSqlError(describe(e), sqlStateOf(database), e.getStackTrace());
    }

    /** The first SQLException among {@code e} and its causes, or null. */
    static SQLException databaseErrorIn(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable at = e; at != null && seen.add(at); at = at.getCause()) {
            if (at instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** A batch's own state is generic; the statement that failed in it carries the real one. */
    private static String sqlStateOf(SQLException e) {
        SQLException next = e.getNextException();
        if (next != null && next != e && next.getSQLState() != null) {
            return next.getSQLState();
        }
        return e.getSQLState();
    }
}
