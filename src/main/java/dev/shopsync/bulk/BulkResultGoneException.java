package dev.shopsync.bulk;

/** The result URL no longer serves the file (it expired, 7 days after the job): the job has to run again. */
public class BulkResultGoneException extends RuntimeException {

    public BulkResultGoneException(String message) {
        super(message);
    }
}
