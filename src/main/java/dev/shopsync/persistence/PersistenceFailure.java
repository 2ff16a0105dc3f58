package dev.shopsync.persistence;

/** PostgreSQL refused a write; the transaction is rolled back and the cursor does not move. */
public class PersistenceFailure extends RuntimeException {

    public PersistenceFailure(String what, Throwable cause) {
        super(what + " failed: " + cause.getMessage(), cause);
    }
}
