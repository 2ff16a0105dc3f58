package dev.shopsync.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.shopify.GraphQlResponse;
import dev.shopsync.shopify.ShopifyApiException;
import dev.shopsync.time.Deadline;

/**
 * Shopify's bulk query API for one shop: start, poll, list. Calls go through the {@link GraphQlClient} on the
 * backfill lane like any other (they cost 10 and 1 points, not the result's size).
 */
@ApplicationScoped
public class BulkOperations {

    private final GraphQlClient client;
    private final GraphQlDocuments documents;

    public BulkOperations(GraphQlClient client, GraphQlDocuments documents) {
        this.client = client;
        this.documents = documents;
    }

    /** What asking for a new bulk query gave. */
    public sealed interface Start {
    }

    /** The job was created. */
    public record Started(BulkOperation operation, int cost) implements Start {
    }

    /**
     * The shop already runs as many bulk queries as Shopify allows (5 from API 2026-01, 1 before), or one is
     * being cancelled: not an error, try again later.
     */
    public record Busy(String message) implements Start {
    }

    /** Start a bulk query; the answer says whether it started or every slot is taken. */
    public Start start(ShopConnection shop, String bulkQuery, Deadline deadline) {
        GraphQlResponse response = client.execute(shop, documents.get("BulkOperationRunQuery"),
                Map.of("query", bulkQuery), Lane.BACKFILL, deadline);
        JsonNode payload = response.data().path("bulkOperationRunQuery");
        JsonNode errors = payload.path("userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            boolean busy = true;
            for (JsonNode error : errors) {
                messages.add(error.path("code").asText("") + ": " + error.path("message").asText(""));
                busy &= "OPERATION_IN_PROGRESS".equals(error.path("code").asText());
            }
            if (busy) {
                return new Busy(String.join("; ", messages));
            }
            // INVALID and LIMIT_REACHED are ours to fix (a query Shopify refuses), never to retry blindly
            throw new ShopifyApiException("shop " + shop.domain() + ": bulk query refused: "
                    + String.join("; ", messages), 200);
        }
        JsonNode operation = payload.path("bulkOperation");
        if (!operation.isObject()) {
            throw new ShopifyApiException("shop " + shop.domain() + ": bulkOperationRunQuery answered neither an "
                    + "operation nor an error", 200);
        }
        return new Started(BulkOperation.of(operation), costOf(response));
    }

    /** @throws ShopifyApiException when Shopify does not know the operation */
    public BulkOperation poll(ShopConnection shop, String operationId, Deadline deadline) {
        GraphQlResponse response = client.execute(shop, documents.get("BulkOperationById"),
                Map.of("id", operationId), Lane.BACKFILL, deadline);
        JsonNode operation = response.data().path("bulkOperation");
        if (!operation.isObject()) {
            throw new ShopifyApiException("shop " + shop.domain() + ": bulk operation " + operationId
                    + " is unknown to Shopify", 200);
        }
        return BulkOperation.of(operation);
    }

    /** The shop's 25 most recent bulk operations, newest first. */
    public List<BulkOperation> recent(ShopConnection shop, Deadline deadline) {
        GraphQlResponse response = client.execute(shop, documents.get("RecentBulkOperations"), Map.of(),
                Lane.BACKFILL, deadline);
        List<BulkOperation> operations = new ArrayList<>();
        response.data().path("bulkOperations").path("nodes").forEach(node -> operations.add(BulkOperation.of(node)));
        return operations;
    }

    private static int costOf(GraphQlResponse response) {
        return response.cost() == null ? 0 : response.cost().charged();
    }
}
