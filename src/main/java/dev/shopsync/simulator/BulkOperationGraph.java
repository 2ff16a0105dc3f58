package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;

/**
 * A shop's bulk query operations, as of one request, seen through the Admin API: {@code bulkOperationRunQuery} and
 * {@code bulkOperationCancel} (mutation fields share the root map with query fields), {@code bulkOperation},
 * {@code currentBulkOperation}, the {@code bulkOperations} connection (filters {@code status}, {@code created_at},
 * {@code id}, {@code operation_type}) and BulkOperation nodes.
 */
final class BulkOperationGraph {

    /** The API version of the request, in the GraphQL context: it decides how many operations may run at once. */
    static final String API_VERSION_KEY = BulkOperationGraph.class.getName() + ".apiVersion";

    private final SimulatedBulkOperations operations;
    private final Instant now;
    private final Supplier<Map<String, Object>> snapshot;

    /** @param snapshot the shop's query root at {@code now}, which a new operation's result is read from */
    BulkOperationGraph(SimulatedBulkOperations operations, Instant now, Supplier<Map<String, Object>> snapshot) {
        this.operations = operations;
        this.now = now;
        this.snapshot = snapshot;
    }

    void addTo(Map<String, Object> root) {
        root.put("bulkOperationRunQuery", (FieldResolver) this::runQuery);
        root.put("bulkOperationCancel", (FieldResolver) this::cancel);
        root.put("bulkOperation", (FieldResolver) env -> node(String.valueOf((Object) env.getArgument("id"))));
        root.put("currentBulkOperation", (FieldResolver) this::current);
        root.put("bulkOperations", (FieldResolver) this::list);
    }

    /** The node of a BulkOperation GID, or null. */
    Map<String, Object> node(String gid) {
        BulkOperation operation = operations.find(gid);
        return operation == null ? null : operation.node(now);
    }

    private Object runQuery(DataFetchingEnvironment env) {
        String version = env.getGraphQlContext().getOrDefault(API_VERSION_KEY,
                GraphQlEndpoint.SUPPORTED_VERSIONS.get(GraphQlEndpoint.SUPPORTED_VERSIONS.size() - 1));
        SimulatedBulkOperations.RunAnswer answer = operations.runQuery(env.getArgument("query"),
                Boolean.TRUE.equals(env.getArgument("groupObjects")), version, now, env.getGraphQLSchema(),
                snapshot.get());
        Map<String, Object> payload = new HashMap<>();
        payload.put("bulkOperation", answer.operation() == null ? null : answer.operation().node(now));
        payload.put("userErrors", answer.userErrors());
        return payload;
    }

    private Object cancel(DataFetchingEnvironment env) {
        String gid = String.valueOf((Object) env.getArgument("id"));
        BulkOperation operation = operations.find(gid);
        Map<String, Object> payload = new HashMap<>();
        if (operation == null) {
            payload.put("bulkOperation", null);
            payload.put("userErrors", List.of(Map.of("field", List.of("id"), "message",
                    "Bulk operation does not exist")));
            return payload;
        }
        payload.put("userErrors", operations.cancelByApi(operation, now));
        payload.put("bulkOperation", operation.node(now));
        return payload;
    }

    private Object current(DataFetchingEnvironment env) {
        // Only query operations are modelled: there is never a current MUTATION operation.
        if ("MUTATION".equals(env.getArgument("type"))) {
            return null;
        }
        BulkOperation operation = operations.current();
        return operation == null ? null : operation.node(now);
    }

    private Object list(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        List<BulkOperation> rows = new ArrayList<>();
        for (BulkOperation operation : operations.operations()) {
            if (query.matches(operation.truth(now))) {
                rows.add(operation);
            }
        }
        // Ids grow with creation, so the id order is also the CREATED_AT order (the default sort key).
        return ConnectionPager.page(env, rows, SortKey.byId(BulkOperation::id),
                Boolean.TRUE.equals(env.getArgument("reverse")), operation -> operation.node(now));
    }
}
