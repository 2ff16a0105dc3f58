package dev.shopsync.bulk;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One Shopify bulk operation as last polled.
 *
 * @param objectCount lines written so far (all of them once COMPLETED; those in the partial file once FAILED)
 * @param query       the bulk query exactly as submitted, which is how a lost job is recognised again
 */
@RegisterForReflection
public record BulkOperation(String id, Status status, String errorCode, long objectCount, long rootObjectCount,
        String url, String partialDataUrl, String query, Instant createdAt, Instant completedAt) {

    /** Shopify's {@code BulkOperationStatus}. */
    @RegisterForReflection
    public enum Status {
        CREATED, RUNNING, COMPLETED, CANCELING, CANCELED, FAILED, EXPIRED;

        /** Still working, or still holding one of the shop's concurrent slots. */
        public boolean busy() {
            return this == CREATED || this == RUNNING || this == CANCELING;
        }
    }

    static BulkOperation of(JsonNode node) {
        return new BulkOperation(node.path("id").asText(), Status.valueOf(node.path("status").asText()),
                text(node.path("errorCode")), count(node.path("objectCount")), count(node.path("rootObjectCount")),
                text(node.path("url")), text(node.path("partialDataUrl")), text(node.path("query")),
                instant(node.path("createdAt")), instant(node.path("completedAt")));
    }

    private static long count(JsonNode value) {
        // UnsignedInt64 travels as a string
        return value.isNull() || value.isMissingNode() ? 0L : Long.parseLong(value.asText());
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }
}
