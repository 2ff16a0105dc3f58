package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;

/**
 * Shopify's query cost, computed the way the real API appears to compute it (see docs/shopify-facts.md):
 *
 * <ul>
 * <li>scalars, enums and lists of them: 0; {@code __typename}: 0;</li>
 * <li>value objects ({@link #FREE_TYPES}: PageInfo, MoneyV2, MoneyBag, Count, SelectedOption, MailingAddress,
 * Weight): 0 including their selection, as money and addresses appear free on the real API;</li>
 * <li>any other object (also a plain list of objects such as {@code options}): 1 + the cost of its selection;</li>
 * <li>a connection: {@code 2 + floor(2 ln(max(2, first|last))) * (1 + node cost)}, where the node selection is the
 * merge of {@code nodes { }} and {@code edges { node { } }}; a connection without {@code first}/{@code last} costs 2
 * (Shopify charges 2 for that query and then rejects it);</li>
 * <li>{@code nodes(ids:)}: priced like a connection sized by the number of ids (an assumption: it is the one
 * plural field without paging arguments);</li>
 * <li>an interface or union: the most expensive of its possible types;</li>
 * <li>a mutation field: 10;</li>
 * <li>a query costs at least 1 point (so {@code productsCount { count }}, all value object, costs 1): no real
 * response shows a zero cost, and the null-product case is charged 1.</li>
 * </ul>
 *
 * <p>The actual cost is the same tree over what was returned: a connection or id list priced by the number of
 * nodes returned and the most expensive returned node, a null object costs 1 and nothing beneath, fields absent
 * from the result cost nothing. It never exceeds the requested cost.
 *
 * <p>Reproduces the three real costs in {@code cost-cases.json} exactly (442, 310, 25; actual 1 for the null
 * product). Thread-safe; the schema is only read.
 */
public final class QueryCostCalculator {

    public static final int MUTATION_COST = 10;
    static final Set<String> FREE_TYPES = Set.of("PageInfo", "MoneyV2", "MoneyBag", "Count", "SelectedOption",
            "MailingAddress", "Weight");

    private final GraphQLSchema schema;

    public QueryCostCalculator(GraphQLSchema schema) {
        this.schema = schema;
    }

    /** @throws IllegalArgumentException when the document has no operation to run (or an ambiguous one) */
    public int requestedCost(String query, Map<String, Object> variables, String operationName) {
        return requestedCost(Parser.parse(query), variables, operationName);
    }

    public int actualCost(String query, Map<String, Object> variables, String operationName,
            Map<String, Object> data) {
        return actualCost(Parser.parse(query), variables, operationName, data);
    }

    /** The same, for a document the caller already parsed (and validated). */
    public int requestedCost(Document document, Map<String, Object> variables, String operationName) {
        Walk walk = new Walk(document, variables, operationName);
        return Math.max(1, walk.requestedRoot());
    }

    public int actualCost(Document document, Map<String, Object> variables, String operationName,
            Map<String, Object> data) {
        Walk walk = new Walk(document, variables, operationName);
        return Math.min(Math.max(1, walk.requestedRoot()), Math.max(1, walk.actualRoot(data)));
    }

    /** {@code floor(2 ln(max(2, n)))}: 1 at 1-2, 5 at 20, 9 at 100, 11 at 250. */
    static int sizeFactor(int n) {
        return (int) Math.floor(2 * Math.log(Math.max(2, n)));
    }

    /** The fields of one response key: several AST fields (from fragments) merged, as GraphQL merges them. */
    private record FieldGroup(GraphQLFieldDefinition definition, Field first, List<SelectionSet> selections) {
    }

    /** One cost evaluation of one operation. */
    private final class Walk {

        private final OperationDefinition operation;
        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private final Map<String, Object> variables = new HashMap<>();

        Walk(Document document, Map<String, Object> variables, String operationName) {
            OperationDefinition chosen = null;
            int operations = 0;
            for (var definition : document.getDefinitions()) {
                if (definition instanceof FragmentDefinition fragment) {
                    fragments.put(fragment.getName(), fragment);
                } else if (definition instanceof OperationDefinition op) {
                    operations++;
                    if (operationName == null ? chosen == null : operationName.equals(op.getName())) {
                        chosen = op;
                    }
                }
            }
            if (chosen == null || (operationName == null && operations > 1)) {
                throw new IllegalArgumentException(operationName == null
                        ? "An operation name is required when the document has several operations"
                        : "No operation named \"" + operationName + "\"");
            }
            this.operation = chosen;
            if (variables != null) {
                this.variables.putAll(variables);
            }
            for (VariableDefinition definition : chosen.getVariableDefinitions()) {
                if (!this.variables.containsKey(definition.getName()) && definition.getDefaultValue() != null) {
                    this.variables.put(definition.getName(), value(definition.getDefaultValue()));
                }
            }
        }

        int requestedRoot() {
            if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
                return MUTATION_COST * collect(List.of(operation.getSelectionSet()), schema.getMutationType(),
                        schema.getMutationType()).size();
            }
            if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
                throw new IllegalArgumentException("The Admin API has no subscriptions");
            }
            return requested(List.of(operation.getSelectionSet()), schema.getQueryType());
        }

        int actualRoot(Map<String, Object> data) {
            if (data == null) {
                return 0;
            }
            if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
                int fields = 0;
                for (String key : collect(List.of(operation.getSelectionSet()), schema.getMutationType(),
                        schema.getMutationType()).keySet()) {
                    fields += data.containsKey(key) ? 1 : 0;
                }
                return MUTATION_COST * fields;
            }
            return actual(List.of(operation.getSelectionSet()), schema.getQueryType(), data);
        }

        // ---- requested -----------------------------------------------------------------------------------

        private int requested(List<SelectionSet> selections, GraphQLCompositeType type) {
            if (type instanceof GraphQLObjectType object) {
                int cost = 0;
                for (FieldGroup group : collect(selections, object, object).values()) {
                    cost += requested(group);
                }
                return cost;
            }
            if (!hasTypeConditions(selections, type)) {
                int cost = 0;
                for (FieldGroup group : collect(selections, type, null).values()) {
                    cost += requested(group);
                }
                return cost;
            }
            int max = 0;
            for (GraphQLObjectType candidate : possibleTypes(type)) {
                max = Math.max(max, requested(selections, candidate));
            }
            return max;
        }

        private int requested(FieldGroup group) {
            if (group.definition() == null) {
                return 0;
            }
            GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(group.definition().getType());
            if (!(named instanceof GraphQLCompositeType composite) || FREE_TYPES.contains(named.getName())) {
                return 0;
            }
            if (composite instanceof GraphQLObjectType object && ConnectionPager.isConnectionType(object)) {
                Integer size = pageSize(group.first());
                if (size == null) {
                    return 2;
                }
                ConnectionNodes nodes = connectionNodes(group.selections(), object);
                return 2 + sizeFactor(size) * (1 + requested(nodes.selections(), nodes.type()));
            }
            Integer ids = idsCount(group);
            if (ids != null) {
                return 2 + sizeFactor(ids) * (1 + requested(group.selections(), composite));
            }
            return 1 + requested(group.selections(), composite);
        }

        // ---- actual --------------------------------------------------------------------------------------

        private int actual(List<SelectionSet> selections, GraphQLCompositeType type, Map<?, ?> data) {
            GraphQLObjectType concrete = type instanceof GraphQLObjectType object ? object
                    : data.get("__typename") instanceof String name ? schema.getObjectType(name) : null;
            int cost = 0;
            for (Map.Entry<String, FieldGroup> entry : collect(selections, type, concrete).entrySet()) {
                if (data.containsKey(entry.getKey())) {
                    cost += actual(entry.getValue(), data.get(entry.getKey()));
                }
            }
            return cost;
        }

        private int actual(FieldGroup group, Object value) {
            if (group.definition() == null) {
                return 0;
            }
            GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(group.definition().getType());
            if (!(named instanceof GraphQLCompositeType composite) || FREE_TYPES.contains(named.getName())) {
                return 0;
            }
            if (composite instanceof GraphQLObjectType object && ConnectionPager.isConnectionType(object)) {
                if (!(value instanceof Map<?, ?> connection)) {
                    return 2;
                }
                ConnectionNodes nodes = connectionNodes(group.selections(), object);
                List<Map<?, ?>> returned = new ArrayList<>();
                int count = 0;
                for (Map.Entry<String, FieldGroup> sub : collect(group.selections(), object, object).entrySet()) {
                    String fieldName = sub.getValue().first().getName();
                    if (!(connection.get(sub.getKey()) instanceof List<?> list)) {
                        continue;
                    }
                    count = Math.max(count, list.size());
                    if ("nodes".equals(fieldName)) {
                        list.forEach(node -> addMap(returned, node));
                    } else if ("edges".equals(fieldName)) {
                        GraphQLObjectType edge = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(
                                object.getFieldDefinition("edges").getType());
                        for (String nodeKey : keysNamed(sub.getValue().selections(), edge, "node")) {
                            list.forEach(e -> addMap(returned, e instanceof Map<?, ?> m ? m.get(nodeKey) : null));
                        }
                    }
                }
                return count == 0 ? 2 : 2 + sizeFactor(count) * (1 + maxActual(nodes, returned));
            }
            if (idsCount(group) != null) {
                if (!(value instanceof List<?> list)) {
                    return 1;
                }
                List<Map<?, ?>> returned = new ArrayList<>();
                list.forEach(node -> addMap(returned, node));
                return returned.isEmpty() ? 2
                        : 2 + sizeFactor(list.size())
                                * (1 + maxActual(new ConnectionNodes(group.selections(), composite), returned));
            }
            if (value instanceof Map<?, ?> object) {
                return 1 + actual(group.selections(), composite, object);
            }
            if (value instanceof List<?> list) {
                List<Map<?, ?>> returned = new ArrayList<>();
                flatten(list, returned);
                return 1 + maxActual(new ConnectionNodes(group.selections(), composite), returned);
            }
            return 1;
        }

        private int maxActual(ConnectionNodes nodes, List<Map<?, ?>> returned) {
            int max = 0;
            for (Map<?, ?> node : returned) {
                max = Math.max(max, actual(nodes.selections(), nodes.type(), node));
            }
            return max;
        }

        // ---- shared --------------------------------------------------------------------------------------

        /** What a connection's nodes are and which selections apply to them. */
        private record ConnectionNodes(List<SelectionSet> selections, GraphQLCompositeType type) {
        }

        private ConnectionNodes connectionNodes(List<SelectionSet> selections, GraphQLObjectType connection) {
            GraphQLCompositeType nodeType = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(
                    connection.getFieldDefinition("nodes") != null
                            ? connection.getFieldDefinition("nodes").getType()
                            : ((GraphQLObjectType) GraphQLTypeUtil.unwrapAll(
                                    connection.getFieldDefinition("edges").getType()))
                                    .getFieldDefinition("node").getType());
            List<SelectionSet> nodeSelections = new ArrayList<>();
            for (FieldGroup group : collect(selections, connection, connection).values()) {
                String name = group.first().getName();
                if ("nodes".equals(name)) {
                    nodeSelections.addAll(group.selections());
                } else if ("edges".equals(name)) {
                    GraphQLObjectType edge = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(
                            group.definition().getType());
                    for (FieldGroup edgeField : collect(group.selections(), edge, edge).values()) {
                        if ("node".equals(edgeField.first().getName())) {
                            nodeSelections.addAll(edgeField.selections());
                        }
                    }
                }
            }
            return new ConnectionNodes(nodeSelections, nodeType);
        }

        private List<String> keysNamed(List<SelectionSet> selections, GraphQLObjectType type, String fieldName) {
            List<String> keys = new ArrayList<>();
            collect(selections, type, type).forEach((key, group) -> {
                if (fieldName.equals(group.first().getName())) {
                    keys.add(key);
                }
            });
            return keys;
        }

        /**
         * The fields selected on {@code scope}, by response key, with fragments applied for {@code concrete}
         * (all fragments when the concrete type is unknown) and {@code @skip}/{@code @include} honoured.
         */
        private Map<String, FieldGroup> collect(List<SelectionSet> selections, GraphQLCompositeType scope,
                GraphQLObjectType concrete) {
            Map<String, FieldGroup> fields = new LinkedHashMap<>();
            for (SelectionSet selectionSet : selections) {
                collectInto(fields, selectionSet, scope, concrete);
            }
            return fields;
        }

        private void collectInto(Map<String, FieldGroup> fields, SelectionSet selectionSet,
                GraphQLCompositeType scope, GraphQLObjectType concrete) {
            if (selectionSet == null) {
                return;
            }
            for (Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field field) {
                    if (!included(field.getDirectives())) {
                        continue;
                    }
                    String key = field.getAlias() != null ? field.getAlias() : field.getName();
                    FieldGroup group = fields.get(key);
                    if (group == null) {
                        GraphQLFieldDefinition definition = field.getName().startsWith("__") ? null
                                : scope instanceof GraphQLFieldsContainer container
                                        ? container.getFieldDefinition(field.getName())
                                        : null;
                        group = new FieldGroup(definition, field, new ArrayList<>());
                        fields.put(key, group);
                    }
                    if (field.getSelectionSet() != null) {
                        group.selections().add(field.getSelectionSet());
                    }
                } else if (selection instanceof InlineFragment inline) {
                    if (included(inline.getDirectives())) {
                        fragment(fields, inline.getTypeCondition(), inline.getSelectionSet(), scope, concrete);
                    }
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition definition = fragments.get(spread.getName());
                    if (definition != null && included(spread.getDirectives())) {
                        fragment(fields, definition.getTypeCondition(), definition.getSelectionSet(), scope,
                                concrete);
                    }
                }
            }
        }

        private void fragment(Map<String, FieldGroup> fields, TypeName condition, SelectionSet selectionSet,
                GraphQLCompositeType scope, GraphQLObjectType concrete) {
            GraphQLCompositeType conditionType = condition == null ? scope
                    : (GraphQLCompositeType) schema.getType(condition.getName());
            if (conditionType == null || (concrete != null && !applies(conditionType, concrete))) {
                return;
            }
            collectInto(fields, selectionSet, conditionType, concrete);
        }

        private boolean hasTypeConditions(List<SelectionSet> selections, GraphQLCompositeType type) {
            for (SelectionSet selectionSet : selections) {
                for (Selection<?> selection : selectionSet.getSelections()) {
                    TypeName condition = selection instanceof InlineFragment inline ? inline.getTypeCondition()
                            : selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
                                    ? fragments.get(spread.getName()).getTypeCondition()
                                    : null;
                    if (condition != null && !condition.getName().equals(type.getName())) {
                        return true;
                    }
                    if (selection instanceof InlineFragment inline && inline.getTypeCondition() == null
                            && hasTypeConditions(List.of(inline.getSelectionSet()), type)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private List<GraphQLObjectType> possibleTypes(GraphQLCompositeType type) {
            if (type instanceof GraphQLInterfaceType iface) {
                return schema.getImplementations(iface);
            }
            if (type instanceof GraphQLUnionType union) {
                List<GraphQLObjectType> members = new ArrayList<>();
                union.getTypes().forEach(t -> members.add((GraphQLObjectType) t));
                return members;
            }
            return List.of((GraphQLObjectType) type);
        }

        private boolean applies(GraphQLCompositeType condition, GraphQLObjectType concrete) {
            if (condition.getName().equals(concrete.getName())) {
                return true;
            }
            if (condition instanceof GraphQLInterfaceType) {
                return concrete.getInterfaces().stream().anyMatch(i -> i.getName().equals(condition.getName()));
            }
            if (condition instanceof GraphQLUnionType union) {
                return union.getTypes().stream().anyMatch(t -> t.getName().equals(concrete.getName()));
            }
            return false;
        }

        private boolean included(List<Directive> directives) {
            for (Directive directive : directives) {
                if (directive.getArgument("if") == null) {
                    continue;
                }
                boolean condition = Boolean.TRUE.equals(value(directive.getArgument("if").getValue()));
                if ("skip".equals(directive.getName()) && condition
                        || "include".equals(directive.getName()) && !condition) {
                    return false;
                }
            }
            return true;
        }

        private Integer pageSize(Field field) {
            for (var argument : field.getArguments()) {
                if (("first".equals(argument.getName()) || "last".equals(argument.getName()))
                        && value(argument.getValue()) instanceof Number size) {
                    return Math.max(0, size.intValue());
                }
            }
            return null;
        }

        /** The number of ids of a plural id-list field such as {@code nodes(ids:)}, else null. */
        private Integer idsCount(FieldGroup group) {
            if (!isList(group.definition().getType()) || group.definition().getArgument("ids") == null) {
                return null;
            }
            for (var argument : group.first().getArguments()) {
                if (argument.getName().equals("ids")) {
                    return value(argument.getValue()) instanceof List<?> ids ? ids.size() : 0;
                }
            }
            return 0;
        }

        private boolean isList(GraphQLType type) {
            GraphQLType t = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
            return t instanceof GraphQLList;
        }

        private void addMap(List<Map<?, ?>> into, Object value) {
            if (value instanceof Map<?, ?> map) {
                into.add(map);
            }
        }

        private void flatten(List<?> list, List<Map<?, ?>> into) {
            for (Object element : list) {
                if (element instanceof List<?> nested) {
                    flatten(nested, into);
                } else {
                    addMap(into, element);
                }
            }
        }

        private Object value(Value<?> value) {
            if (value instanceof VariableReference reference) {
                return variables.get(reference.getName());
            }
            if (value instanceof IntValue i) {
                return i.getValue();
            }
            if (value instanceof FloatValue f) {
                return f.getValue();
            }
            if (value instanceof StringValue s) {
                return s.getValue();
            }
            if (value instanceof BooleanValue b) {
                return b.isValue();
            }
            if (value instanceof EnumValue e) {
                return e.getName();
            }
            if (value instanceof ArrayValue array) {
                List<Object> list = new ArrayList<>();
                array.getValues().forEach(v -> list.add(value(v)));
                return list;
            }
            if (value instanceof ObjectValue object) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (ObjectField field : object.getObjectFields()) {
                    map.put(field.getName(), value(field.getValue()));
                }
                return map;
            }
            if (value instanceof NullValue) {
                return null;
            }
            return null;
        }
    }
}
