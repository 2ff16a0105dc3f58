package dev.shopsync.simulator;

import java.util.List;

/**
 * Requests and answer shapes from the real captures in {@code shopify/graphql/bulk*} (shared fixtures), inlined:
 * the simulator's tests may not add test resources.
 */
final class BulkCaptures {

    /** {@code bulkOperationRunQuery-run-request-response.json}: {@code request.query}, verbatim. */
    static final String RUN_MUTATION = "mutation BulkOperationRootCountRunQuery($query: String!) {\n"
            + "  bulkOperationRunQuery(query: $query) {\n    bulkOperation {\n      \n  id\n  status\n  type\n"
            + "  errorCode\n  createdAt\n  completedAt\n  objectCount\n  rootObjectCount\n  fileSize\n  url\n"
            + "  partialDataUrl\n  query\n\n    }\n    userErrors {\n      field\n      message\n      code\n    }\n"
            + "  }\n}";

    /**
     * The capture's inner query ({@code request.variables.query}) without its tag filter, which names a product
     * the simulated catalog does not have: every product, its variants, media and (unmodelled, so empty) metafields.
     */
    static final String PRODUCTS_QUERY = "#graphql\n{\n  products {\n    edges {\n      node {\n        id\n"
            + "        title\n        variants {\n          edges {\n            node {\n              id\n"
            + "              title\n              sku\n            }\n          }\n        }\n        media {\n"
            + "          edges {\n            node {\n              id\n              alt\n"
            + "              mediaContentType\n            }\n          }\n        }\n"
            + "        metafields(namespace: \"custom\") {\n          edges {\n            node {\n"
            + "              id\n              namespace\n              key\n              value\n            }\n"
            + "          }\n        }\n      }\n    }\n  }\n}";

    /** {@code bulkOperation-poll-run-1-CREATED.json}: {@code request.query}, verbatim. */
    static final String POLL = "query BulkOperationByIdCapture($id: ID!) {\n  bulkOperation(id: $id) {\n    \n"
            + "  id\n  status\n  type\n  errorCode\n  createdAt\n  completedAt\n  objectCount\n  rootObjectCount\n"
            + "  fileSize\n  url\n  partialDataUrl\n  query\n\n  }\n}";

    /** The keys of {@code response.data.bulkOperationRunQuery.bulkOperation} in the run capture, in order. */
    static final List<String> OPERATION_KEYS = List.of("id", "status", "type", "errorCode", "createdAt",
            "completedAt", "objectCount", "rootObjectCount", "fileSize", "url", "partialDataUrl", "query");

    /** {@code bulkOperationRunQuery-OPERATION_IN_PROGRESS-2026-04.json}: the message, ids replaced. */
    static final String IN_PROGRESS_PREFIX = "A bulk query operation for this app and shop is already in progress: ";

    private BulkCaptures() {
    }
}
