package dev.shopsync.plan;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.sync.SliceRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Sends slice requests to the SQS slice queue, one message per slice. */
@ApplicationScoped
public class SliceQueue {

    /** SQS delays a message by 15 minutes at most. */
    private static final long MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final PlannerConfig config;
    private final ObjectMapper json;

    public SliceQueue(SqsClient sqs, PlannerConfig config, ObjectMapper json) {
        this.sqs = sqs;
        this.config = config;
        this.json = json;
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
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body)
                .delaySeconds((int) Math.min(MAX_DELAY_SECONDS, Math.max(0, delay.toSeconds()))).build());
    }
}
