package dev.shopsync.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.sync.InvalidSliceRequestException;
import dev.shopsync.sync.SliceOutcome;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;
import dev.shopsync.sync.SyncRunRecorder;

/**
 * Runs the slices of an SQS event (batch size 1 in the template, any size here) and reports the messages that
 * failed, so SQS redelivers only those and moves them to the DLQ after {@code maxReceiveCount} attempts. A slice
 * with more to do queues its next slice itself (later, while a bulk job runs); a chain that is done releases its
 * stream for the planner.
 */
@ApplicationScoped
public class SliceMessages {

    private static final Logger LOG = Logger.getLogger(SliceMessages.class);

    private final SliceQueue queue;
    private final QueuedSlices queued;
    private final PlannerConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ShopDirectory shops;
    private final ShopRegistry registry;
    private final SyncRunRecorder runs;
    private final Traces traces;

    public SliceMessages(SliceQueue queue, QueuedSlices queued, PlannerConfig config, ObjectMapper json,
            Clock clock, ShopDirectory shops, ShopRegistry registry, SyncRunRecorder runs, Traces traces) {
        this.queue = queue;
        this.queued = queued;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.shops = shops;
        this.registry = registry;
        this.runs = runs;
        this.traces = traces;
    }

    /** True for an SQS event ({@code Records} from {@code aws:sqs}). */
    public static boolean isSqsEvent(Map<String, Object> event) {
        return event != null && event.get("Records") instanceof List<?> records && !records.isEmpty()
                && records.get(0) instanceof Map<?, ?> record && "aws:sqs".equals(record.get("eventSource"));
    }

    /** @return the SQS partial batch response: {@code {"batchItemFailures":[{"itemIdentifier":id}]}} */
    public Map<String, Object> handle(Map<String, Object> event, Function<SliceRequest, SliceResult> slice) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (Object item : (List<?>) event.get("Records")) {
            Map<?, ?> record = (Map<?, ?>) item;
            String messageId = String.valueOf(record.get("messageId"));
            // each message continues the trace of the planner or slice that queued it
            try (Traced span = traces.consume("slice message", SliceQueue.traceAttributes(record))) {
                span.set("messaging.system", "aws_sqs").set("messaging.operation.type", "process")
                        .set("messaging.message.id", messageId);
                if (!handleOne(record, messageId, slice, span)) {
                    failures.add(Map.of("itemIdentifier", messageId));
                }
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    /** @return false when the message failed (SQS redelivers it, then moves it to the DLQ) */
    private boolean handleOne(Map<?, ?> record, String messageId, Function<SliceRequest, SliceResult> slice,
            Traced span) {
        SliceRequest request;
        try {
            request = json.readValue(String.valueOf(record.get("body")), SliceRequest.class);
        } catch (Exception e) {
            // never runnable: it goes to the DLQ after maxReceiveCount receives
            LOG.errorf("slice message %s is not a slice request: %s", messageId, e.getMessage());
            span.outcome("unreadable").failed(e);
            return false;
        }
        try {
            followUp(request, slice.apply(request));
            span.outcome("done");
            return true;
        } catch (InvalidSliceRequestException e) {
            // never runnable: recorded for the operator, then to the DLQ after maxReceiveCount receives
            LOG.errorf("slice message %s refused: %s", messageId, e.getMessage());
            recordRefusal(request, e);
            queued.release(request.shop(), request.stream());
            span.outcome("refused").failed(e);
            return false;
        } catch (RuntimeException e) {
            // recorded in sync_run by the engine; SQS redelivers after the visibility timeout
            LOG.errorf("slice message %s failed: %s", messageId, e.getMessage());
            span.outcome("failed").failed(e);
            return false;
        }
    }

    /** A refused request of a shop we know gets its FAILED sync_run row, with the reason. */
    private void recordRefusal(SliceRequest request, InvalidSliceRequestException e) {
        if (!shops.knows(request.shop())) {
            return;
        }
        Instant now = clock.instant();
        SliceResult refused = SliceResult.of(request.shop(), request.resource(), request.mode() == null
                ? "incremental" : request.mode(), SliceOutcome.FAILED).build();
        runs.record(registry.idOf(shops.require(request.shop())), now, now, refused, null,
                "InvalidSliceRequestException: " + e.getMessage());
    }

    private void followUp(SliceRequest request, SliceResult result) {
        if (result.outcome() == SliceOutcome.LOCKED) {
            // another slice of the stream runs; its chain owns the claim
            return;
        }
        if (result.hasMore()) {
            Duration delay = result.outcome() == SliceOutcome.WAITING ? config.waitingDelay() : Duration.ZERO;
            queued.touch(request.shop(), request.stream(), clock.instant());
            queue.send(request, delay);
            return;
        }
        queued.release(request.shop(), request.stream());
    }
}
