package dev.shopsync.persistence;

import java.sql.SQLException;

/**
 * PostgreSQL refused a write; the transaction is rolled back and the cursor does not move. The message says what we
 * were doing and the SQLState, never the server's text (it can quote row values: see {@link RedactedSqlError}).
 */
public class PersistenceFailure extends RuntimeException {

    public PersistenceFailure(String what, Throwable cause) {
        super(what + " failed: " + describe(cause), RedactedSqlError.redacted(cause));
    }

    private static String describe(Throwable cause) {
        SQLException database = RedactedSqlError.databaseErrorIn(cause);
        return database != null ? RedactedSqlError.describe(database)
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
