package dev.shopsync.shopify.cost;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pricing of one operation with one set of variables, following the rules documented on
 * {@link RequestedCostEstimator}. Costs are longs that saturate at {@link Integer#MAX_VALUE}: nested connections
 * multiply, and a runaway estimate must read "too expensive", not wrap around to a small number.
 */
final class CostWalk {

    /** Shopify's fixed price of a mutation field. */
    static final int MUTATION_COST = 10;
    /** Page size assumed when the text cannot tell: Shopify's maximum for {@code first}/{@code last} and ids. */
    static final int UNKNOWN_SIZE = 250;

    private static final long CAP = Integer.MAX_VALUE;
    private static final Set<String> CONNECTION_FIELDS = Set.of("nodes", "edges", "pageInfo", "__typename");

    /** Where a field stands: only root fields are mutations, and only the root {@code nodes} takes {@code ids}. */
    private enum Scope {
        QUERY_ROOT, MUTATION_ROOT, NESTED
    }

    /** The fields answering under one response key, merged as GraphQL merges them (fragments, repeats). */
    private record FieldGroup(Selection.Field field, List<List<Selection>> selections) {

        boolean isLeaf() {
            return selections.isEmpty();
        }

        FieldGroup mergedWith(FieldGroup other) {
            List<List<Selection>> all = new ArrayList<>(selections);
            all.addAll(other.selections);
            return new FieldGroup(field, all);
        }
    }

    /**
     * One selection level: the fields that always apply, and per type condition the fields that apply only to
     * that type. Without a schema the enclosing type is unknown, so each distinct condition is one possible type.
     */
    private static final class Level {
        final Map<String, FieldGroup> fields = new LinkedHashMap<>();
        final Map<String, Level> alternatives = new LinkedHashMap<>();
        final String typeCondition;

        Level(String typeCondition) {
            this.typeCondition = typeCondition;
        }
    }

    private final Map<String, FragmentDefinition> fragments;
    private final OperationDefinition operation;
    private final Map<String, Object> variables = new HashMap<>();

    CostWalk(Map<String, FragmentDefinition> fragments, OperationDefinition operation, Map<String, Object> provided) {
        this.fragments = fragments;
        this.operation = operation;
        // HashMap: Jackson-read variables may hold nulls, and an explicit null must stay null (not the default).
        this.variables.putAll(provided);
        for (OperationDefinition.VariableDefinition definition : operation.variables()) {
            if (!variables.containsKey(definition.name()) && definition.defaultValue() != null) {
                variables.put(definition.name(), definition.defaultValue().resolve(Map.of()));
            }
        }
    }

    long cost() {
        Level root = collect(List.of(operation.selections()));
        return switch (operation.kind()) {
            case QUERY -> levelCost(root, Map.of(), Scope.QUERY_ROOT);
            case MUTATION -> levelCost(root, Map.of(), Scope.MUTATION_ROOT);
            case SUBSCRIPTION -> throw new QueryDocumentException(
                    "Subscription operations cannot be priced: the Admin API has none");
        };
    }

    /** {@code floor(2 ln(max(2, n)))}: 1 at 1-2, 5 at 20, 9 at 100, 11 at 250. */
    static int sizeFactor(long n) {
        return (int) Math.floor(2 * Math.log(Math.max(2, n)));
    }

    // ---- pricing -------------------------------------------------------------------------------------------

    /**
     * The fields of {@code level} plus {@code inherited}; with type-conditioned alternatives, the most expensive
     * one (each merged with the fields that apply to every type): the interface/union rule.
     */
    private long levelCost(Level level, Map<String, FieldGroup> inherited, Scope scope) {
        Map<String, FieldGroup> fields = merge(inherited, level.fields);
        if (level.alternatives.isEmpty()) {
            long cost = 0;
            for (FieldGroup group : fields.values()) {
                cost = add(cost, fieldCost(group, scope));
            }
            return cost;
        }
        long max = 0;
        for (Level alternative : level.alternatives.values()) {
            max = Math.max(max, levelCost(alternative, fields, scope));
        }
        return max;
    }

    private long fieldCost(FieldGroup group, Scope scope) {
        Selection.Field field = group.field();
        if (scope == Scope.MUTATION_ROOT) {
            // Whether Shopify adds the payload to the fixed 10 is not documented: adding it is the upper bound.
            return add(MUTATION_COST, selectionCost(group));
        }
        if (group.isLeaf() || field.name().equals("pageInfo")) {
            return 0;
        }
        if (scope == Scope.QUERY_ROOT && field.name().equals("nodes") && field.arguments().containsKey("ids")) {
            return pageCost(idCount(field), selectionCost(group));
        }
        if (field.arguments().containsKey("first") || field.arguments().containsKey("last")) {
            Level page = collect(group.selections());
            // A paged field that is not shaped like a connection (Order.fulfillments(first:), Product.options)
            // is a plain list: pricing each element as a connection node covers both readings.
            long elementCost = isConnectionShaped(page)
                    ? levelCost(collect(nodeSelections(page, new ArrayList<>())), Map.of(), Scope.NESTED)
                    : levelCost(page, Map.of(), Scope.NESTED);
            return pageCost(pageSize(field), elementCost);
        }
        return add(1, selectionCost(group));
    }

    private long selectionCost(FieldGroup group) {
        return levelCost(collect(group.selections()), Map.of(), Scope.NESTED);
    }

    private static long pageCost(long size, long elementCost) {
        return add(2, Math.min(CAP, sizeFactor(size) * add(1, elementCost)));
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    // ---- connections ---------------------------------------------------------------------------------------

    private static boolean isConnectionShaped(Level level) {
        for (FieldGroup group : level.fields.values()) {
            if (!CONNECTION_FIELDS.contains(group.field().name())) {
                return false;
            }
        }
        for (Level alternative : level.alternatives.values()) {
            if (!isConnectionShaped(alternative)) {
                return false;
            }
        }
        return true;
    }

    /** {@code nodes { }} and {@code edges { node { } }} select the same nodes: their selections are merged. */
    private List<List<Selection>> nodeSelections(Level level, List<List<Selection>> into) {
        for (FieldGroup group : level.fields.values()) {
            if (group.field().name().equals("nodes")) {
                into.addAll(group.selections());
            } else if (group.field().name().equals("edges")) {
                collectNodes(collect(group.selections()), into);
            }
        }
        for (Level alternative : level.alternatives.values()) {
            nodeSelections(alternative, into);
        }
        return into;
    }

    private static void collectNodes(Level edges, List<List<Selection>> into) {
        for (FieldGroup group : edges.fields.values()) {
            if (group.field().name().equals("node")) {
                into.addAll(group.selections());
            }
        }
        for (Level alternative : edges.alternatives.values()) {
            collectNodes(alternative, into);
        }
    }

    /** The largest non-null {@code first}/{@code last}; when neither is known, Shopify's maximum. */
    private long pageSize(Selection.Field field) {
        long size = -1;
        for (String argument : List.of("first", "last")) {
            Value value = field.arguments().get(argument);
            if (value != null && value.resolve(variables) instanceof Number number) {
                size = Math.max(size, clampedSize(number));
            }
        }
        return size < 0 ? UNKNOWN_SIZE : size;
    }

    private long idCount(Selection.Field field) {
        Object ids = field.arguments().get("ids").resolve(variables);
        if (ids == null) {
            return UNKNOWN_SIZE;
        }
        if (ids instanceof Collection<?> list) {
            return list.size();
        }
        if (ids.getClass().isArray()) {
            return Array.getLength(ids);
        }
        return 1; // GraphQL input coercion: a single id is a list of one
    }

    private static long clampedSize(Number number) {
        double value = number.doubleValue();
        return Double.isNaN(value) ? UNKNOWN_SIZE : (long) Math.max(0, Math.min(CAP, value));
    }

    // ---- collecting ----------------------------------------------------------------------------------------

    private Level collect(List<List<Selection>> selectionSets) {
        Level level = new Level(null);
        for (List<Selection> selections : selectionSets) {
            collectInto(level, selections);
        }
        return level;
    }

    private void collectInto(Level level, List<Selection> selections) {
        for (Selection selection : selections) {
            if (!included(selection.directives())) {
                continue;
            }
            if (selection instanceof Selection.Field field) {
                FieldGroup group = new FieldGroup(field,
                        field.selections().isEmpty() ? List.of() : List.of(field.selections()));
                level.fields.merge(field.responseKey(), group, FieldGroup::mergedWith);
            } else if (selection instanceof Selection.InlineFragment inline) {
                collectFragment(level, inline.typeCondition(), inline.selections());
            } else if (selection instanceof Selection.FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.fragmentName());
                collectFragment(level, fragment.typeCondition(), fragment.selections());
            }
        }
    }

    /** Fragments on the level's own type (or on no type) add to it; any other type is an alternative. */
    private void collectFragment(Level level, String typeCondition, List<Selection> selections) {
        if (typeCondition == null || typeCondition.equals(level.typeCondition)) {
            collectInto(level, selections);
        } else {
            collectInto(level.alternatives.computeIfAbsent(typeCondition, Level::new), selections);
        }
    }

    private static Map<String, FieldGroup> merge(Map<String, FieldGroup> base, Map<String, FieldGroup> more) {
        if (base.isEmpty()) {
            return more;
        }
        Map<String, FieldGroup> merged = new LinkedHashMap<>(base);
        more.forEach((key, group) -> merged.merge(key, group, FieldGroup::mergedWith));
        return merged;
    }

    /**
     * {@code @skip(if:)} and {@code @include(if:)}; a condition that is not a known boolean keeps the selection,
     * since dropping it could price the query below what Shopify reserves.
     */
    private boolean included(List<Directive> directives) {
        for (Directive directive : directives) {
            Value condition = directive.arguments().get("if");
            if (condition == null || !(condition.resolve(variables) instanceof Boolean value)) {
                continue;
            }
            if (directive.name().equals("skip") && value || directive.name().equals("include") && !value) {
                return false;
            }
        }
        return true;
    }
}
