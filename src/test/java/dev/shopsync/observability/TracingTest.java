package dev.shopsync.observability;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.TOKEN;
import static dev.shopsync.support.SimulatorResource.TRACE_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.lambda.PlannerHandler;
import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.SqsResource;
import dev.shopsync.support.TestData;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The traces an operator sees, with the SDK on and an in-memory exporter: the span tree of a slice (invocation →
 * slice → Shopify calls with their budget steps, and page writes) and of a webhook (verify, dedupe, process); the
 * planner's trace continued by the slice it queued through the SQS message, and a slice's successor by the slice
 * that re-queued it; and no span anywhere holding the access token, the webhook secret or an email address.
 */
@QuarkusTest
@TestProfile(TracingTest.TracesOn.class)
@WithTestResource(SimulatorResource.class)
@WithTestResource(SqsResource.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TracingTest {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final AttributeKey<String> SHOP = AttributeKey.stringKey("shopsync.shop");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("shopsync.outcome");
    private static final AttributeKey<Long> ROWS = AttributeKey.longKey("shopsync.rows");

    @Inject
    InMemorySpanExporter spans;

    @Inject
    TestData data;

    @Inject
    WebhookHandler webhooks;

    @Inject
    PlannerHandler planner;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void fresh() {
        data.reset(TRACE_SHOP);
        data.deleteRedisKeys(TRACE_SHOP);
        spans.reset();
    }

    @Test
    void aSliceIsOneTreeFromInvocationToShopifyCallsAndPageWrites() {
        JsonPath result = SliceInvoker.slice(Map.of("shop", TRACE_SHOP, "resource", "customers", "maxPages", 2));
        int records = result.getInt("records");
        assertEquals(500, records, "two pages of 250 of the shop's 600 customers");
        assertEquals("BUDGET_SPENT", result.getString("outcome"));

        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData invocation = only(finished, "sync-slice");
        assertEquals(SpanKind.SERVER, invocation.getKind());
        assertFalse(invocation.getParentSpanContext().isValid(), "the invocation is the root outside Lambda");
        assertEquals("other", invocation.getAttributes().get(AttributeKey.stringKey("faas.trigger")));

        SpanData slice = only(finished, "slice");
        assertEquals(invocation.getSpanId(), slice.getParentSpanId());
        assertEquals(TRACE_SHOP, slice.getAttributes().get(SHOP));
        assertEquals("customers", slice.getAttributes().get(AttributeKey.stringKey("shopsync.resource")));
        assertEquals("incremental", slice.getAttributes().get(AttributeKey.stringKey("shopsync.mode")));
        assertEquals(result.getString("outcome"), slice.getAttributes().get(OUTCOME));
        assertEquals(records, slice.getAttributes().get(AttributeKey.longKey("shopsync.records")));

        List<SpanData> calls = childrenOf(finished, slice).stream().filter(s -> s.getName().startsWith("shopify "))
                .toList();
        assertFalse(calls.isEmpty());
        long charged = 0;
        for (SpanData call : calls) {
            assertEquals(SpanKind.CLIENT, call.getKind());
            assertEquals(200L, call.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertEquals(1L, call.getAttributes().get(AttributeKey.longKey("shopify.attempts")));
            assertTrue(call.getAttributes().get(AttributeKey.longKey("shopify.cost.requested")) > 0);
            charged += call.getAttributes().get(AttributeKey.longKey("shopify.cost.actual"));
            List<String> steps = childrenOf(finished, call).stream().map(SpanData::getName)
                    .filter(n -> n.startsWith("budget")).toList();
            assertEquals(List.of("budget reserve", "budget settle"), steps, call.getName());
        }
        assertEquals(result.getInt("costSpent"), (int) charged, "the calls' charged cost is the slice's");

        List<SpanData> writes = childrenOf(finished, slice).stream().filter(s -> s.getName().equals("page write"))
                .toList();
        assertEquals(result.getInt("pages"), writes.size());
        assertEquals(records, writes.stream().mapToLong(w -> w.getAttributes().get(ROWS)).sum());
        writes.forEach(w -> assertEquals("customer",
                w.getAttributes().get(AttributeKey.stringKey("db.collection.name"))));

        assertEquals(1, finished.stream().map(SpanData::getTraceId).distinct().count(), "one trace");
        assertNothingSecret(finished);
    }

    @Test
    void aWebhookIsVerifiedDedupedAndProcessedUnderItsInvocation() {
        SignedWebhook delivery = SignedWebhook.of(TRACE_SHOP, "customers/update",
                SignedWebhook.fixture("customers/update", TRACE_SHOP), APP_WEBHOOK_SECRET);
        Map<String, Object> answer = webhooks.handleRequest(delivery.event(), null);
        assertEquals(200, answer.get("statusCode"));
        // the same delivery again: deduplicated, nothing processed
        webhooks.handleRequest(delivery.event(), null);

        List<SpanData> finished = spans.getFinishedSpanItems();
        List<SpanData> invocations = named(finished, "webhook");
        assertEquals(2, invocations.size());
        SpanData first = invocations.get(0);
        assertEquals(SpanKind.SERVER, first.getKind());
        assertEquals("customers/update", first.getAttributes().get(AttributeKey.stringKey("shopify.webhook.topic")));
        assertEquals(List.of("webhook verify", "webhook dedupe", "webhook process"),
                childrenOf(finished, first).stream().map(SpanData::getName).toList());
        SpanData process = only(childrenOf(finished, first), "webhook process");
        assertEquals("upserted", process.getAttributes().get(OUTCOME));
        assertEquals("customers/update", process.getAttributes().get(AttributeKey.stringKey("shopify.webhook.topic")));
        assertEquals("verified", only(childrenOf(finished, first), "webhook verify").getAttributes().get(OUTCOME));
        assertEquals("CLAIMED", only(childrenOf(finished, first), "webhook dedupe").getAttributes().get(OUTCOME));

        SpanData second = invocations.get(1);
        assertEquals(List.of("webhook verify", "webhook dedupe"),
                childrenOf(finished, second).stream().map(SpanData::getName).toList());
        assertEquals("DUPLICATE", only(childrenOf(finished, second), "webhook dedupe").getAttributes().get(OUTCOME));
        assertNothingSecret(finished);
    }

    @Test
    void thePlannersTraceGoesOnInTheSlicesItQueuedAndEachSliceInItsSuccessor() throws JsonProcessingException {
        String queueUrl = ConfigProvider.getConfig().getValue("shopsync.planner.queue-url", String.class);
        String endpoint = ConfigProvider.getConfig().getValue("quarkus.sqs.endpoint-override", String.class);
        try (SqsClient sqs = SqsResource.client(endpoint)) {
            sqs.purgeQueue(b -> b.queueUrl(queueUrl));
            Map<String, Object> planned = planner.handleRequest(Map.of("shops", List.of(TRACE_SHOP)), null);
            int queued = (Integer) planned.get("queued");
            assertTrue(queued > 0);

            List<SpanData> planning = spans.getFinishedSpanItems();
            SpanData plan = only(planning, "planner");
            List<SpanData> sends = named(planning, "queue slice");
            assertEquals(queued, sends.size());
            sends.forEach(send -> assertEquals(plan.getTraceId(), send.getTraceId()));

            List<Message> messages = receive(sqs, queueUrl, queued);
            Message first = messages.get(0);
            String traceparent = first.messageAttributes().get("traceparent").stringValue();
            SpanData sentBy = sends.stream().filter(s -> traceparent.contains(s.getSpanId())).findFirst()
                    .orElseThrow(() -> new AssertionError("no queue slice span sent " + traceparent));

            // the queued slice, handed to sync-slice as the SQS event Lambda builds, with a page budget of one so
            // that it re-queues itself
            spans.reset();
            Map<String, Object> request = new HashMap<>(Map.of("shop", TRACE_SHOP, "resource", "customers",
                    "maxPages", 1));
            Response answer = SliceInvoker.invokeRaw(sqsEvent("m-1", request, first));
            answer.then().statusCode(200);
            assertEquals(List.of(), answer.jsonPath().getList("batchItemFailures"));
            List<SpanData> firstSlice = spans.getFinishedSpanItems();
            SpanData consumed = only(firstSlice, "slice message");
            assertEquals(SpanKind.CONSUMER, consumed.getKind());
            assertEquals(plan.getTraceId(), consumed.getTraceId(), "the slice continues the planner's trace");
            assertEquals(sentBy.getSpanId(), consumed.getParentSpanId());
            assertEquals(sentBy.getSpanId(), consumed.getLinks().get(0).getSpanContext().getSpanId());
            SpanData invocation = only(firstSlice, "sync-slice");
            assertEquals("pubsub", invocation.getAttributes().get(AttributeKey.stringKey("faas.trigger")));
            assertEquals(invocation.getSpanId(), consumed.getLinks().get(1).getSpanContext().getSpanId(),
                    "the message's span links the invocation that received it");
            assertEquals(consumed.getSpanId(), only(firstSlice, "slice").getParentSpanId());
            SpanData requeue = only(childrenOf(firstSlice, consumed), "queue slice");

            // its successor, queued by the slice itself, continues the same trace
            List<Message> next = receive(sqs, queueUrl, queued);
            Message successor = next.stream().filter(m -> m.body().contains("\"maxPages\":1")).findFirst()
                    .orElseThrow(() -> new AssertionError("the slice did not re-queue itself"));
            spans.reset();
            SliceInvoker.invokeRaw(sqsEvent("m-2", request, successor)).then().statusCode(200);
            SpanData consumedNext = only(spans.getFinishedSpanItems(), "slice message");
            assertEquals(plan.getTraceId(), consumedNext.getTraceId(), "one backfill, one trace");
            assertEquals(requeue.getSpanId(), consumedNext.getParentSpanId());
            assertNothingSecret(spans.getFinishedSpanItems());
            assertNothingSecret(firstSlice);
            assertNothingSecret(planning);
        }
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl, int atLeast) {
        List<Message> messages = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(60).messageAttributeNames("All")).messages();
            messages.addAll(batch);
        } while (!batch.isEmpty());
        assertTrue(messages.size() >= Math.min(1, atLeast), "nothing queued");
        messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    /** The event AWS hands a Lambda for one SQS message, its message attributes included. */
    private Map<String, Object> sqsEvent(String id, Map<String, Object> body, Message message)
            throws JsonProcessingException {
        Map<String, Object> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name,
                Map.of("stringValue", value.stringValue(), "dataType", value.dataType())));
        Map<String, Object> record = new HashMap<>();
        record.put("messageId", id);
        record.put("receiptHandle", "r-" + id);
        record.put("body", json.writeValueAsString(body));
        record.put("attributes", Map.of("ApproximateReceiveCount", "1"));
        record.put("messageAttributes", attributes);
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:" + SqsResource.QUEUE);
        record.put("awsRegion", "us-east-1");
        return Map.of("Records", List.of(record));
    }

    /** No name, attribute, event or status of any span holds the token, the webhook secret or an email address. */
    private static void assertNothingSecret(List<SpanData> finished) {
        assertFalse(finished.isEmpty());
        Set<String> leaks = new TreeSet<>();
        for (SpanData span : finished) {
            List<String> texts = new ArrayList<>();
            texts.add(span.getName());
            texts.add(span.getStatus().getDescription());
            span.getAttributes().forEach((key, value) -> texts.add(key.getKey() + "=" + value));
            span.getEvents().forEach(event -> {
                texts.add(event.getName());
                event.getAttributes().forEach((key, value) -> texts.add(key.getKey() + "=" + value));
            });
            for (String text : texts) {
                if (text != null && (text.contains(TOKEN) || text.contains(APP_WEBHOOK_SECRET)
                        || EMAIL.matcher(text).find())) {
                    leaks.add(span.getName() + ": " + text);
                }
            }
        }
        assertEquals(Set.of(), leaks);
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> found = named(spans, name);
        assertEquals(1, found.size(), "spans named " + name + " among " + spans.stream().map(SpanData::getName)
                .toList());
        return found.get(0);
    }

    private static List<SpanData> named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name))
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    /** Direct children, in the order they started. */
    private static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
        assertNotNull(parent);
        assertFalse(SpanId.getInvalid().equals(parent.getSpanId()));
        return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())
                && s.getTraceId().equals(parent.getTraceId()))
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    /** Traces on, as an operator turns them on; spans go to the in-memory exporter instead of OTLP. */
    public static class TracesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false");
        }
    }
}
