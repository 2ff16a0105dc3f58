package dev.shopsync.bulk;

/** How far the result of one operation has been written: lines and bytes from the file's start. */
public record BulkCheckpoint(String operationId, long lines, long bytes) {

    static BulkCheckpoint start(String operationId) {
        return new BulkCheckpoint(operationId, 0L, 0L);
    }
}
