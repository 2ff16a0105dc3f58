package dev.shopsync.simulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import graphql.schema.DataFetchingEnvironment;

/**
 * The shop's event log through the Admin API's {@code events} connection: filtered by {@code action},
 * {@code subject_type}, {@code created_at} and {@code id}, sorted by {@code CREATED_AT} or {@code ID}, and, like every
 * search, only what the lagging index has caught up with.
 */
final class EventGraph {

    private final List<EventTruth> events;
    private final Predicate<Instant> indexed;

    EventGraph(List<EventTruth> events, Predicate<Instant> indexed) {
        this.events = events;
        this.indexed = indexed;
    }

    void addTo(Map<String, Object> root) {
        root.put("events", (FieldResolver) this::events);
    }

    private Object events(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<EventTruth> key = SortKey.forEvents(env.getArgument("sortKey"));
        List<EventTruth> rows = events.stream().filter(e -> indexed.test(e.createdAt()) && query.matches(e))
                .sorted(key.comparator()).toList();
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                EventGraph::eventNode);
    }

    private static Map<String, Object> eventNode(EventTruth e) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "BasicEvent");
        node.put("id", e.gid());
        node.put("action", e.action());
        node.put("createdAt", ShopGraph.iso(e.createdAt()));
        node.put("subjectId", e.subjectGid());
        node.put("subjectType", e.subjectType());
        node.put("message", e.subjectType().toLowerCase(java.util.Locale.ROOT) + " " + e.subjectId() + " was "
                + e.action() + "ed");
        node.put("appTitle", null);
        node.put("attributeToApp", false);
        node.put("attributeToUser", true);
        node.put("criticalAlert", false);
        node.put("hasAdditionalContent", false);
        // the subject of a destroy event is gone
        node.put("subject", null);
        return node;
    }
}
