package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.Validator;

/**
 * The inner query of a {@code bulkOperationRunQuery}, checked against Shopify's bulk rules (one top-level connection,
 * at most 5 connections, 2 levels, none under a list, {@code id} on every node that has nested connections) and
 * reduced to what the JSONL writer needs: which response keys hold connections and where their nodes are.
 */
final class BulkQueryShape {

    static final int MAX_CONNECTIONS = 5;
    static final int MAX_LEVELS = 2;

    /** Why a query cannot run as a bulk operation; the message is the user error's. */
    static final class Invalid extends Exception {

        Invalid(String message) {
            super(message);
        }
    }

    enum Kind { LEAF, OBJECT, LIST, CONNECTION }

    /** The selection on an object, by response key, in query order. */
    record ObjectShape(Map<String, FieldShape> fields) {

        FieldShape field(String key) {
            return fields.get(key);
        }
    }

    /**
     * One selected field. {@code object} is the selection of the object, of a list's elements, or of a connection's
     * nodes; {@code nodePaths} are the response-key paths from a connection to its node lists
     * ({@code [edges, node]}, {@code [nodes]}).
     */
    record FieldShape(String key, String name, Kind kind, ObjectShape object, List<List<String>> nodePaths) {

        /** The nodes of this connection's value, from the first node path that is there. */
        List<Map<String, Object>> nodesOf(Object connection) {
            List<Map<String, Object>> nodes = new ArrayList<>();
            if (!(connection instanceof Map<?, ?> map)) {
                return nodes;
            }
            for (List<String> path : nodePaths) {
                Object list = map.get(path.get(0));
                if (!(list instanceof List<?> items)) {
                    continue;
                }
                for (Object item : items) {
                    Object node = path.size() == 1 ? item : item instanceof Map<?, ?> edge ? edge.get(path.get(1)) : null;
                    if (node instanceof Map<?, ?>) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> typed = (Map<String, Object>) node;
                        nodes.add(typed);
                    }
                }
                // edges { node } and nodes list the same rows: one of them is enough.
                return nodes;
            }
            return nodes;
        }
    }

    private final String query;
    private final FieldShape root;

    private BulkQueryShape(String query, FieldShape root) {
        this.query = query;
        this.root = root;
    }

    String query() {
        return query;
    }

    /** The top-level connection. */
    FieldShape root() {
        return root;
    }

    /** @throws Invalid with the message Shopify's user error would carry */
    static BulkQueryShape parse(GraphQLSchema schema, String query) throws Invalid {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            throw new Invalid("Invalid bulk query: " + e.getMessage());
        }
        List<? extends GraphQLError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        if (!errors.isEmpty()) {
            throw new Invalid("Invalid bulk query: " + errors.get(0).getMessage());
        }
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        List<OperationDefinition> operations = new ArrayList<>();
        document.getDefinitions().forEach(definition -> {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            } else if (definition instanceof OperationDefinition operation) {
                operations.add(operation);
            }
        });
        if (operations.size() != 1) {
            throw new Invalid("Bulk queries must contain exactly one operation.");
        }
        OperationDefinition operation = operations.get(0);
        if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
            throw new Invalid("Bulk queries must be a query operation, not a "
                    + operation.getOperation().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (!operation.getVariableDefinitions().isEmpty()) {
            throw new Invalid("Bulk queries cannot use variables.");
        }
        Walk walk = new Walk(schema, fragments);
        Map<String, List<Selected>> top = walk.collect(List.of(operation.getSelectionSet()), schema.getQueryType());
        top.remove("__typename");
        if (top.size() != 1) {
            throw new Invalid("Bulk queries must have exactly one top-level field, a connection.");
        }
        List<Selected> selected = top.values().iterator().next();
        String name = selected.get(0).field().getName();
        if (name.equals("node") || name.equals("nodes")) {
            throw new Invalid("Bulk queries cannot start from the top-level '" + name
                    + "' field; start from a connection such as 'products'.");
        }
        FieldShape root = walk.field(top.keySet().iterator().next(), selected, 0, null);
        if (root.kind() != Kind.CONNECTION) {
            throw new Invalid("Bulk queries must contain at least one connection, starting at the top level: '"
                    + name + "' is not a connection.");
        }
        return new BulkQueryShape(query, root);
    }

    /** One AST field under its response key, with the type that defines it. */
    private record Selected(Field field, GraphQLFieldDefinition definition) {
    }

    /** One pass over the document: the shape, and the rule checks that need the path to each field. */
    private static final class Walk {

        private final GraphQLSchema schema;
        private final Map<String, FragmentDefinition> fragments;
        private int connections;

        Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments) {
            this.schema = schema;
            this.fragments = fragments;
        }

        /**
         * @param level    connections above this field (0 at the top)
         * @param listName the nearest enclosing list field, null when there is none
         */
        FieldShape field(String key, List<Selected> selected, int level, String listName) throws Invalid {
            GraphQLFieldDefinition definition = selected.get(0).definition();
            String name = selected.get(0).field().getName();
            if (definition == null) {
                return new FieldShape(key, name, Kind.LEAF, null, List.of());
            }
            GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
            List<SelectionSet> selections = new ArrayList<>();
            selected.forEach(s -> {
                if (s.field().getSelectionSet() != null) {
                    selections.add(s.field().getSelectionSet());
                }
            });
            if (type instanceof GraphQLObjectType object && ConnectionPager.isConnectionType(object)) {
                return connection(key, name, object, selections, level, listName);
            }
            if (!(type instanceof GraphQLCompositeType composite)) {
                return new FieldShape(key, name, Kind.LEAF, null, List.of());
            }
            boolean list = isList(definition.getType());
            ObjectShape shape = object(selections, composite, level, list ? name : listName);
            return new FieldShape(key, name, list ? Kind.LIST : Kind.OBJECT, shape, List.of());
        }

        private FieldShape connection(String key, String name, GraphQLObjectType connection,
                List<SelectionSet> selections, int level, String listName) throws Invalid {
            if (listName != null) {
                throw new Invalid("Bulk queries cannot contain a connection inside a list field: '" + name
                        + "' is inside '" + listName + "'.");
            }
            connections++;
            if (connections > MAX_CONNECTIONS) {
                throw new Invalid("Bulk queries cannot contain more than " + MAX_CONNECTIONS + " connections.");
            }
            if (level + 1 > MAX_LEVELS) {
                throw new Invalid("Bulk queries cannot nest connections more than " + MAX_LEVELS
                        + " levels deep: '" + name + "' is nested inside a nested connection.");
            }
            List<List<String>> nodePaths = new ArrayList<>();
            List<SelectionSet> nodeSelections = new ArrayList<>();
            GraphQLCompositeType nodeType = null;
            for (Map.Entry<String, List<Selected>> entry : collect(selections, connection).entrySet()) {
                Selected first = entry.getValue().get(0);
                String fieldName = first.field().getName();
                if (fieldName.equals("nodes")) {
                    nodePaths.add(List.of(entry.getKey()));
                    nodeType = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(first.definition().getType());
                    entry.getValue().forEach(s -> nodeSelections.add(s.field().getSelectionSet()));
                } else if (fieldName.equals("edges")) {
                    GraphQLObjectType edge = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(
                            first.definition().getType());
                    List<SelectionSet> edgeSelections = new ArrayList<>();
                    entry.getValue().forEach(s -> edgeSelections.add(s.field().getSelectionSet()));
                    for (Map.Entry<String, List<Selected>> edgeEntry : collect(edgeSelections, edge).entrySet()) {
                        Selected edgeField = edgeEntry.getValue().get(0);
                        if (edgeField.field().getName().equals("node")) {
                            nodePaths.add(List.of(entry.getKey(), edgeEntry.getKey()));
                            nodeType = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(
                                    edgeField.definition().getType());
                            edgeEntry.getValue().forEach(s -> nodeSelections.add(s.field().getSelectionSet()));
                        }
                    }
                }
            }
            ObjectShape node = nodeType == null ? new ObjectShape(Map.of())
                    : object(nodeSelections, nodeType, level + 1, null);
            if (hasConnection(node) && !isPlainId(node.field("id"))) {
                throw new Invalid("The parent 'node' field for a nested connection must select the 'id' field"
                        + " without an alias: '" + name + "' does not.");
            }
            return new FieldShape(key, name, Kind.CONNECTION, node, List.copyOf(nodePaths));
        }

        private ObjectShape object(List<SelectionSet> selections, GraphQLCompositeType type, int level,
                String listName) throws Invalid {
            Map<String, FieldShape> fields = new LinkedHashMap<>();
            for (Map.Entry<String, List<Selected>> entry : collect(selections, type).entrySet()) {
                fields.put(entry.getKey(), field(entry.getKey(), entry.getValue(), level, listName));
            }
            return new ObjectShape(fields);
        }

        /** The fields selected on {@code type} by response key, fragments merged in (all of them: shapes only). */
        Map<String, List<Selected>> collect(List<SelectionSet> selections, GraphQLCompositeType type) {
            Map<String, List<Selected>> fields = new LinkedHashMap<>();
            for (SelectionSet selectionSet : selections) {
                collectInto(fields, selectionSet, type);
            }
            return fields;
        }

        private void collectInto(Map<String, List<Selected>> fields, SelectionSet selectionSet,
                GraphQLCompositeType scope) {
            if (selectionSet == null) {
                return;
            }
            for (Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field field) {
                    String key = field.getAlias() != null ? field.getAlias() : field.getName();
                    GraphQLFieldDefinition definition = !field.getName().startsWith("__")
                            && scope instanceof GraphQLFieldsContainer container
                                    ? container.getFieldDefinition(field.getName())
                                    : null;
                    fields.computeIfAbsent(key, k -> new ArrayList<>()).add(new Selected(field, definition));
                } else if (selection instanceof InlineFragment inline) {
                    collectInto(fields, inline.getSelectionSet(), inline.getTypeCondition() == null ? scope
                            : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName()));
                } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    collectInto(fields, fragment.getSelectionSet(),
                            (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName()));
                }
            }
        }

        /** A connection on this node's own line (directly or in one of its objects). */
        private static boolean hasConnection(ObjectShape shape) {
            for (FieldShape field : shape.fields().values()) {
                if (field.kind() == Kind.CONNECTION
                        || field.kind() == Kind.OBJECT && hasConnection(field.object())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isPlainId(FieldShape field) {
            return field != null && field.name().equals("id");
        }

        private static boolean isList(GraphQLOutputType type) {
            GraphQLType t = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
            return t instanceof GraphQLList;
        }
    }
}
