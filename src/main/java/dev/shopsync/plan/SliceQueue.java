package dev.shopsync.plan;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.sync.SliceRequest;
import io.opentelemetry.api.trace.SpanKind;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends slice requests to the SQS slice queue, one message per slice. Each message carries the sender's trace
 * context as message attributes ({@code traceparent}), so the slice continues the planner's trace, and a slice's
 * successor the trace of the slice that queued it: one backfill, one trace.
 */
@ApplicationScoped
public class SliceQueue {

    /** SQS delays a message by 15 minutes at most. */
    private static final long MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final PlannerConfig config;
    private final ObjectMapper json;
    private final Traces traces;

    public SliceQueue(SqsClient sqs, PlannerConfig config, ObjectMapper json, Traces traces) {
        this.sqs = sqs;
        this.config = config;
        this.json = json;
        this.traces = traces;
    }

    public void send(SliceRequest request, Duration delay) {
        String queueUrl = config.queueUrl().orElseThrow(() -> new IllegalStateException(
                "shopsync.planner.queue-url (SHOPSYNC_PLANNER_QUEUE_URL) is not set: slices cannot be queued"));
        String body;
        try {
            body = json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("slice request not serialisable", e);
        }
        int delaySeconds = (int) Math.min(MAX_DELAY_SECONDS, Math.max(0, delay.toSeconds()));
        try (Traced span = traces.start("queue slice", SpanKind.PRODUCER)) {
            span.set("messaging.system", "aws_sqs").set("messaging.operation.type", "send")
                    .set("shopsync.shop", request.shop()).set("shopsync.stream", request.stream())
                    .set("shopsync.delay_s", delaySeconds);
            Map<String, MessageAttributeValue> attributes = new HashMap<>();
            traces.carrier().forEach((name, value) -> attributes.put(name,
                    MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
            try {
                sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body)
                        .messageAttributes(attributes).delaySeconds(delaySeconds).build());
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    /**
     * The trace context a message carries, from the {@code messageAttributes} of an SQS record as Lambda hands it
     * over ({@code {"traceparent": {"stringValue": "...", "dataType": "String"}}}).
     */
    public static Map<String, String> traceAttributes(Map<?, ?> record) {
        Map<String, String> carrier = new HashMap<>();
        if (record.get("messageAttributes") instanceof Map<?, ?> attributes) {
            attributes.forEach((name, value) -> {
                if (value instanceof Map<?, ?> attribute && attribute.get("stringValue") instanceof String text) {
                    carrier.put(String.valueOf(name), text);
                }
            });
        }
        return carrier;
    }
}
