package dev.shopsync.simulator;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;

/**
 * Relay pagination over a sorted list, the way Shopify's connections behave: {@code first} or {@code last} is
 * required and at most 250, cursors name a (sort value, id) position so they stay valid when rows are added or
 * removed, and {@code nodes}, {@code edges} and {@code pageInfo} are built only when selected. Inside a bulk
 * execution ({@link BulkPage}) the sizes come from the bulk run instead.
 */
final class ConnectionPager {

    static final int MAX_PAGE_SIZE = 250;

    private ConnectionPager() {
    }

    /** The paging arguments of one connection field. */
    record PageRequest(Integer first, Integer last, String after, String before) {

        static PageRequest of(DataFetchingEnvironment env) {
            return new PageRequest(intArgument(env, "first"), intArgument(env, "last"), env.getArgument("after"),
                    env.getArgument("before"));
        }

        /** Shopify's complaint about these arguments, or null when they are fine. */
        String problem(String fieldName) {
            if (first == null && last == null) {
                return "you must provide one of first or last";
            }
            if (first != null && last != null) {
                return "providing both first and last is not supported";
            }
            String argument = first != null ? "first" : "last";
            int size = first != null ? first : last;
            if (size < 0 || size > MAX_PAGE_SIZE) {
                return "Argument '" + argument + "' on field '" + fieldName + "' must be between 0 and "
                        + MAX_PAGE_SIZE + " (got " + size + ")";
            }
            return null;
        }
    }

    /**
     * One page of {@code ascending} (sorted by {@code key} ascending), reversed first when asked, as a connection
     * map; or a GraphQL error result for bad arguments or a foreign cursor.
     */
    static <T> Object page(DataFetchingEnvironment env, List<T> ascending, SortKey<T> key, boolean reverse,
            Function<T, Map<String, Object>> toNode) {
        PageRequest request = PageRequest.of(env);
        BulkPage bulk = BulkPage.of(env);
        boolean bulkRoot = bulk != null && BulkPage.isRoot(env);
        // A bulk query pages its root itself, whatever it asks, and reads nested connections without a size whole.
        boolean everything = bulk != null && !bulkRoot && request.first() == null && request.last() == null;
        if (bulkRoot) {
            request = new PageRequest(MAX_PAGE_SIZE, null, bulk.after(), null);
        }
        String problem = everything ? null : request.problem(env.getField().getName());
        if (problem != null) {
            return badRequest(env, problem);
        }
        List<T> rows = reverse ? reversed(ascending) : ascending;
        int direction = reverse ? -1 : 1;
        int start = 0;
        int end = rows.size();
        try {
            if (request.after() != null) {
                CursorCodec.Cursor after = CursorCodec.decode(request.after());
                Comparable<?> value = key.parseCursorValue().apply(after.lastValue());
                start = firstIndex(rows, row -> direction * key.compareToPosition(row, value, after.lastId()) > 0);
            }
            if (request.before() != null) {
                CursorCodec.Cursor before = CursorCodec.decode(request.before());
                Comparable<?> value = key.parseCursorValue().apply(before.lastValue());
                end = firstIndex(rows, row -> direction * key.compareToPosition(row, value, before.lastId()) >= 0);
            }
        } catch (RuntimeException e) {
            return badRequest(env, "Invalid cursor for the current pagination sort.");
        }
        end = Math.max(start, end);
        int from = everything || request.first() != null ? start : Math.max(start, end - request.last());
        int to = everything ? end : request.first() != null ? Math.min(end, start + request.first()) : end;
        if (bulkRoot) {
            bulk.reached(to > from ? cursor(key, rows.get(to - 1)) : null, to < end);
        }
        return connection(rows.subList(from, to), key, toNode, from > 0, to < rows.size());
    }

    static boolean isConnectionType(GraphQLObjectType type) {
        return type.getName().endsWith("Connection") && type.getFieldDefinition("pageInfo") != null
                && (type.getFieldDefinition("edges") != null || type.getFieldDefinition("nodes") != null);
    }

    static Map<String, Object> emptyConnection() {
        return connection(List.of(), null, null, false, false);
    }

    static DataFetcherResult<Object> badRequest(DataFetchingEnvironment env, String message) {
        return DataFetcherResult.newResult()
                .error(GraphqlErrorBuilder.newError(env).message(message)
                        .extensions(Map.of("code", "BAD_REQUEST")).build())
                .build();
    }

    private static <T> Map<String, Object> connection(List<T> page, SortKey<T> key,
            Function<T, Map<String, Object>> toNode, boolean hasPreviousPage, boolean hasNextPage) {
        // nodes and edges may both be selected: build each node once and share it.
        List<Map<String, Object>> nodes = new AbstractList<>() {
            // Racing builders would only build an equal map twice, so no locking.
            private final Object[] built = new Object[page.size()];

            @Override
            @SuppressWarnings("unchecked")
            public Map<String, Object> get(int index) {
                if (built[index] == null) {
                    built[index] = toNode.apply(page.get(index));
                }
                return (Map<String, Object>) built[index];
            }

            @Override
            public int size() {
                return page.size();
            }
        };
        Map<String, Object> pageInfo = new HashMap<>();
        pageInfo.put("hasNextPage", hasNextPage);
        pageInfo.put("hasPreviousPage", hasPreviousPage);
        pageInfo.put("startCursor", page.isEmpty() ? null : cursor(key, page.get(0)));
        pageInfo.put("endCursor", page.isEmpty() ? null : cursor(key, page.get(page.size() - 1)));
        Map<String, Object> connection = new HashMap<>();
        connection.put("nodes", (FieldResolver) env -> nodes);
        connection.put("edges", (FieldResolver) env -> {
            List<Map<String, Object>> edges = new ArrayList<>(page.size());
            for (int i = 0; i < page.size(); i++) {
                Map<String, Object> edge = new LinkedHashMap<>();
                edge.put("cursor", cursor(key, page.get(i)));
                edge.put("node", nodes.get(i));
                edges.add(edge);
            }
            return edges;
        });
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    private static <T> String cursor(SortKey<T> key, T row) {
        return CursorCodec.encode(key.id().applyAsLong(row), key.cursorValue().apply(row));
    }

    /** First index whose row satisfies {@code test}; {@code test} must be false..false,true..true along the list. */
    private static <T> int firstIndex(List<T> rows, java.util.function.Predicate<T> test) {
        int low = 0;
        int high = rows.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (test.test(rows.get(mid))) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static <T> List<T> reversed(List<T> list) {
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                return list.get(list.size() - 1 - index);
            }

            @Override
            public int size() {
                return list.size();
            }
        };
    }

    private static Integer intArgument(DataFetchingEnvironment env, String name) {
        Object value = env.getArgument(name);
        return value instanceof Number number ? number.intValue() : null;
    }
}
