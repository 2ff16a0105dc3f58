package dev.shopsync.simulator;

import java.time.Instant;

/**
 * A bulk query operation as the shop knows it at one moment, for assertions.
 *
 * @param id              the GID, {@code gid://shopify/BulkOperation/<n>}
 * @param status          the API's status name: CREATED, RUNNING, COMPLETED, CANCELING, CANCELED, FAILED, EXPIRED
 * @param objectCount     lines written so far (all of them once it has ended; a failed one's partial file)
 * @param rootObjectCount root lines among them
 * @param createdAt       whole seconds, as the API shows it
 */
public record BulkOperationTruth(String id, String status, String query, boolean groupObjects, long objectCount,
        long rootObjectCount, Instant createdAt) {
}
