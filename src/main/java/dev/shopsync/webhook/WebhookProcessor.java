package dev.shopsync.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.bulk.FinishedBulkOperations;
import dev.shopsync.compliance.LifecycleRequest;
import dev.shopsync.compliance.LifecycleRequests;
import dev.shopsync.compliance.PrivacyRequests;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shopify.RestPayloads;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.sync.PayloadWriter;

/**
 * What a verified webhook does to our copy, by topic (see {@link WebhookTopics}). Shopify signs the body and
 * nothing else, so the body must first fit its topic and name no other shop than the header's; then:
 * <ul>
 * <li>whole objects are written by the {@link PayloadWriter} their resource declares (products, customers,
 * orders), through the sync's own page writers, so the monotonic {@code updated_at} guard keeps an older delivery
 * from overwriting newer data (an order's children follow with a refresh);</li>
 * <li>partial payloads queue the object for a {@code nodes(ids:)} re-read by a refresh slice;</li>
 * <li>nothing destructive happens here: a deletion queues the id for the same re-read, where Shopify answering
 * {@code null} is what soft-deletes it; app/uninstalled and shop/redact are recorded as requests that a lifecycle
 * slice confirms with Shopify (the shop's token refused) before it deactivates or erases anything;</li>
 * <li>customers/redact and customers/data_request are applied at once: their bodies, which no other topic's body
 * can pass for, are the request itself.</li>
 * </ul>
 * An uninstalled shop's deliveries other than the privacy topics change nothing.
 */
@ApplicationScoped
public class WebhookProcessor {

    /** What one delivery changed, for the response log and tests. */
    public record Outcome(String action, String resource, List<Long> ids) {

        static Outcome of(String action) {
            return new Outcome(action, null, List.of());
        }
    }

    private final WebhookTopics topics;
    private final Map<String, PayloadWriter> writers;
    private final RefreshQueue refresh;
    private final PrivacyRequests privacy;
    private final LifecycleRequests lifecycle;
    private final FinishedBulkOperations finishedOperations;

    /** @throws IllegalStateException at start-up when a topic writes a resource that declares no payload writer */
    public WebhookProcessor(WebhookTopics topics, Instance<PayloadWriter> writers, RefreshQueue refresh,
            PrivacyRequests privacy, LifecycleRequests lifecycle, FinishedBulkOperations finishedOperations) {
        this.topics = topics;
        this.writers = writers.stream().collect(Collectors.toUnmodifiableMap(PayloadWriter::resource,
                Function.identity()));
        this.refresh = refresh;
        this.privacy = privacy;
        this.lifecycle = lifecycle;
        this.finishedOperations = finishedOperations;
        List<String> missing = topics.upsertedResources().stream().filter(r -> !this.writers.containsKey(r))
                .sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("webhook topics write " + missing + " but no PayloadWriter declares them");
        }
    }

    /**
     * @param shop    the header's shop domain, lower case (verified only in that its secret signed the body)
     * @param active  whether the shop is still installed
     * @param eventId the delivery's event id, for the audit trail of lifecycle requests
     * @param rawBody the verified body as text, stored as the row's {@code raw} for full payloads
     * @throws IllegalArgumentException when the body does not fit its topic or names another shop (answered 400)
     */
    public Outcome process(String shop, long shopId, boolean active, String topicHeader, JsonNode payload,
            String rawBody, String eventId) {
        Optional<WebhookTopic> known = topics.find(topicHeader);
        if (known.isEmpty()) {
            return Outcome.of("ignored");
        }
        WebhookTopic topic = known.get();
        topic.shape().misfit(payload).ifPresent(why -> {
            throw new IllegalArgumentException("the body does not fit " + topic.name() + ": " + why);
        });
        topics.shopMismatch(payload, shop).ifPresent(field -> {
            throw new IllegalArgumentException("the body's '" + field + "' names another shop than the header");
        });
        if (!active && !topic.compliance()) {
            return Outcome.of("inactive");
        }
        return switch (topic.action()) {
            case UPSERT -> upsert(shop, shopId, topic.resource(), payload, rawBody);
            case REFRESH -> queue(shop, topic.resource(), topic.idField() == null ? RestPayloads.id(payload)
                    : RestPayloads.exactLong(at(payload, topic.idField()), topic.idField()), "queued");
            case DELETE -> queue(shop, topic.resource(), RestPayloads.id(payload), "confirming");
            case UNINSTALL -> {
                lifecycle.record(shopId, LifecycleRequest.UNINSTALL, eventId);
                yield new Outcome("confirming", null, List.of(shopId));
            }
            case SHOP_REDACT -> {
                lifecycle.record(shopId, LifecycleRequest.REDACT, eventId);
                yield new Outcome("recorded", null, List.of(shopId));
            }
            case CUSTOMER_REDACT -> {
                long customer = RestPayloads.exactLong(payload.path("customer").path("id"), "customer.id");
                privacy.redactCustomer(shopId, customer, longs(payload.path("orders_to_redact")));
                yield new Outcome("redacted", "customers", List.of(customer));
            }
            case DATA_REQUEST -> {
                long customer = RestPayloads.exactLong(payload.path("customer").path("id"), "customer.id");
                JsonNode request = payload.path("data_request").path("id");
                privacy.recordDataRequest(shopId, request.isIntegralNumber() ? request.longValue() : null, customer,
                        longs(payload.path("orders_requested")));
                yield new Outcome("recorded", "customers", List.of(customer));
            }
            case BULK_FINISHED -> {
                String operation = RestPayloads.text(payload.path("admin_graphql_api_id"));
                finishedOperations.add(shop, operation);
                yield new Outcome("handed-over", "bulk", List.of(Gid.numericId(operation)));
            }
            case IGNORE -> Outcome.of("ignored");
        };
    }

    /**
     * The row written from the payload by the resource's declared {@link PayloadWriter}; a payload without a whole
     * row, or a row whose children only a read-back brings, is queued for a refresh.
     */
    private Outcome upsert(String shop, long shopId, String resource, JsonNode payload, String raw) {
        PayloadWriter writer = writers.get(resource);
        Optional<PayloadWriter.Written> written = writer.write(shopId, payload, raw);
        if (written.isEmpty()) {
            return queue(shop, resource, RestPayloads.id(payload), "queued");
        }
        long id = written.get().id();
        if (!written.get().applied()) {
            return new Outcome("older-ignored", resource, List.of(id));
        }
        if (writer.childrenReadBack()) {
            return queue(shop, resource, id, "upserted-and-queued");
        }
        return new Outcome("upserted", resource, List.of(id));
    }

    private Outcome queue(String shop, String resource, long id, String action) {
        refresh.enqueue(shop, resource, List.of(id));
        return new Outcome(action, resource, List.of(id));
    }

    private static JsonNode at(JsonNode body, String path) {
        JsonNode node = body;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(id -> ids.add(RestPayloads.exactLong(id, "ids")));
        return ids;
    }
}
