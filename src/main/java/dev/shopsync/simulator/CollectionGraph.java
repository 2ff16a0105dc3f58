package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import graphql.schema.DataFetchingEnvironment;

/**
 * A shop's collections, as of one request, seen through the Admin API: the {@code collections} connection,
 * {@code collectionsCount}, {@code collectionByHandle} and collection nodes with their members as the
 * {@code products} connection (always in collection order: the {@code sortKey} argument is not modelled).
 */
final class CollectionGraph {

    /** Rule sets a smart collection may have; which one is derived from its id. */
    private static final List<Map<String, Object>> RULE_SETS = List.of(
            ruleSet(false, rule("TAG", "EQUALS", "Sale")),
            ruleSet(false, rule("TYPE", "EQUALS", "Outdoor"), rule("VARIANT_PRICE", "GREATER_THAN", "50")),
            ruleSet(true, rule("VENDOR", "EQUALS", "Northwind"), rule("VENDOR", "EQUALS", "Snowdevil")),
            ruleSet(false, rule("TITLE", "CONTAINS", "Lamp")),
            ruleSet(true, rule("TAG", "EQUALS", "New"), rule("VARIANT_INVENTORY", "GREATER_THAN", "10")),
            ruleSet(false, rule("VARIANT_COMPARE_AT_PRICE", "IS_SET", "")));

    private final CatalogState state;
    private final Predicate<Instant> indexed;
    private final Function<ProductTruth, Map<String, Object>> productNode;

    /**
     * @param indexed     whether a row last changed at that instant is visible to search yet
     * @param productNode how a member is shown
     */
    CollectionGraph(CatalogState state, Predicate<Instant> indexed,
            Function<ProductTruth, Map<String, Object>> productNode) {
        this.state = state;
        this.indexed = indexed;
        this.productNode = productNode;
    }

    void addTo(Map<String, Object> root) {
        root.put("collections", (FieldResolver) this::collections);
        root.put("collectionsCount", (FieldResolver) this::collectionsCount);
        root.put("collectionByHandle", (FieldResolver) env -> {
            String handle = env.getArgument("handle");
            return state.collections().values().stream().filter(c -> c.handle().equals(handle)).findFirst()
                    .map(this::collectionNode).orElse(null);
        });
    }

    /** The live collection's node, or null. */
    Map<String, Object> node(long id) {
        CollectionTruth collection = state.collections().get(id);
        return collection == null ? null : collectionNode(collection);
    }

    private Object collections(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<CollectionTruth> key = SortKey.forCollections(env.getArgument("sortKey"));
        List<CollectionTruth> rows = state.collectionsSortedBy(key);
        if (query.isFiltered()) {
            rows = rows.stream().filter(c -> indexed.test(c.updatedAt()) && query.matches(c)).toList();
        }
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                this::collectionNode);
    }

    private Object collectionsCount(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        long count = query.isFiltered()
                ? state.collections().values().stream().filter(c -> indexed.test(c.updatedAt()) && query.matches(c))
                        .count()
                : state.collections().size();
        return ShopGraph.countNode(env, count);
    }

    Map<String, Object> collectionNode(CollectionTruth c) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "Collection");
        node.put("id", c.gid());
        node.put("legacyResourceId", String.valueOf(c.id()));
        node.put("title", c.title());
        node.put("handle", c.handle());
        node.put("descriptionHtml", "<p>" + c.title() + "</p>");
        node.put("description", c.title());
        node.put("sortOrder", c.sortOrder());
        node.put("templateSuffix", null);
        node.put("updatedAt", ShopGraph.iso(c.updatedAt()));
        node.put("ruleSet", c.smart() ? RULE_SETS.get((int) Math.floorMod(c.id(), (long) RULE_SETS.size())) : null);
        node.put("productsCount", Map.of("count", (long) c.productIds().size(), "precision", "EXACT"));
        node.put("products", (FieldResolver) env -> products(env, c));
        node.put("hasProduct", (FieldResolver) env -> {
            String gid = String.valueOf((Object) env.getArgument("id"));
            return c.productIds().stream().anyMatch(id -> ProductTruth.gidOf(id).equals(gid));
        });
        node.put("seo", Map.of("title", c.title(), "description", c.title()));
        return node;
    }

    private Object products(DataFetchingEnvironment env, CollectionTruth c) {
        List<SortKey.Member> members = new ArrayList<>(c.productIds().size());
        Map<Long, Integer> positions = new HashMap<>();
        for (Long id : c.productIds()) {
            positions.put(id, members.size());
            members.add(new SortKey.Member(members.size(), id));
        }
        return ConnectionPager.page(env, members, SortKey.forMembers(positions),
                Boolean.TRUE.equals(env.getArgument("reverse")), m -> productNode.apply(state.products()
                        .get(m.productId())));
    }

    private static Map<String, Object> ruleSet(boolean disjunctive, Map<?, ?>... rules) {
        return Map.of("appliedDisjunctively", disjunctive, "rules", List.of(rules));
    }

    private static Map<String, Object> rule(String column, String relation, String condition) {
        return Map.of("__typename", "CollectionRule", "column", column, "relation", relation, "condition",
                condition);
    }
}
