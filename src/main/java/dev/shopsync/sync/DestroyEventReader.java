package dev.shopsync.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocument;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.shopify.GraphQlResponse;
import dev.shopsync.shopify.SearchFilter;
import dev.shopsync.time.Deadline;

/** Reads pages of Shopify's event log: the destroy events of one subject type inside a {@code created_at} window. */
@ApplicationScoped
public class DestroyEventReader {

    private static final int PAGE_SIZE = 250;

    private final GraphQlClient client;
    private final GraphQlDocument events;

    public DestroyEventReader(GraphQlClient client, GraphQlDocuments documents) {
        this.client = client;
        this.events = documents.get("DestroyEvents");
    }

    /** Subject ids destroyed, each with when, and where the next page starts. */
    public record DestroyedPage(Map<Long, Instant> destroyed, String endCursor, boolean hasNextPage, int costSpent,
            long throttledMs, long requestMs) {
    }

    public DestroyedPage page(ShopConnection shop, String subjectType, ResourceSyncer.Window window, String after,
            Lane lane, Deadline deadline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", PAGE_SIZE);
        variables.put("after", after);
        variables.put("query", SearchFilter.destroyEventsWithin(subjectType, window.start(), window.end()));
        GraphQlResponse response = client.execute(shop, events, variables, lane, deadline);
        JsonNode connection = response.data().path("events");
        Map<Long, Instant> destroyed = new HashMap<>();
        for (JsonNode event : connection.path("nodes")) {
            // the search already filters; checking again keeps a loose filter from deleting live rows
            if ("destroy".equals(event.path("action").asText())
                    && subjectType.equals(event.path("subjectType").asText()) && event.path("subjectId").isTextual()) {
                destroyed.merge(Gid.numericId(event.path("subjectId").asText()),
                        Instant.parse(event.path("createdAt").asText()), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        JsonNode pageInfo = connection.path("pageInfo");
        return new DestroyedPage(destroyed, pageInfo.path("endCursor").isTextual()
                ? pageInfo.path("endCursor").asText() : null, pageInfo.path("hasNextPage").asBoolean(false),
                response.cost() == null ? 0 : response.cost().charged(), response.throttledMillis(),
                response.requestMillis());
    }
}
