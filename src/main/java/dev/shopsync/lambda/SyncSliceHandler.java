package dev.shopsync.lambda;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.EmfPublisher;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.persistence.RedactedSqlError;
import dev.shopsync.plan.SliceMessages;
import dev.shopsync.sync.SliceEngine;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;
import dev.shopsync.time.Deadline;

/**
 * Lambda entry point of the {@code sync-slice} function: one bounded slice of one (shop, resource) stream.
 * Input, invoked directly: {@code {"shop":"acme.myshopify.com","resource":"products","maxPages":10,"maxSeconds":60}}
 * (answers the slice's result); or an SQS event of such requests from the slice queue (answers the partial batch
 * response, see {@link SliceMessages}).
 */
@Named("sync-slice")
public class SyncSliceHandler implements RequestHandler<Map<String, Object>, Object> {

    private final SliceEngine engine;
    private final SliceMessages messages;
    private final ObjectMapper json;
    private final Clock clock;
    private final EmfPublisher emf;
    private final Traces traces;

    public SyncSliceHandler(SliceEngine engine, SliceMessages messages, ObjectMapper json, Clock clock,
            EmfPublisher emf, Traces traces) {
        this.engine = engine;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
        this.emf = emf;
        this.traces = traces;
    }

    @Override
    public Object handleRequest(Map<String, Object> event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        boolean queued = SliceMessages.isSqsEvent(event);
        try (LogContext log = LogContext.invocation(requestId);
                Traced span = traces.invocation("sync-slice", requestId, queued ? "pubsub" : "other")) {
            if (event == null || event.isEmpty()) {
                span.failed("empty event");
                throw new IllegalArgumentException("empty event: expected {\"shop\":..., \"resource\":...}");
            }
            Optional<Deadline> deadline = lambdaDeadline(context);
            try {
                if (queued) {
                    return messages.handle(event, request -> run(request, deadline));
                }
                return run(json.convertValue(event, SliceRequest.class), deadline);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            } finally {
                // what this invocation measured, as EMF log lines, failed slices included
                emf.flush();
            }
        } finally {
            traces.flush();
        }
    }

    /** What Lambda and the queue's handling log and answer never carries a database's text (it can quote rows). */
    private SliceResult run(SliceRequest request, Optional<Deadline> deadline) {
        try {
            return engine.run(request, deadline);
        } catch (RuntimeException e) {
            throw RedactedSqlError.redacted(e);
        }
    }

    private Optional<Deadline> lambdaDeadline(Context context) {
        if (context == null) {
            return Optional.empty();
        }
        int remaining = context.getRemainingTimeInMillis();
        // Local runners report 0 or nonsense; only a positive value is a real deadline.
        return remaining > 0 ? Optional.of(Deadline.after(Duration.ofMillis(remaining), clock)) : Optional.empty();
    }
}
