package dev.shopsync.lambda;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.shopsync.time.Deadline;
import dev.shopsync.sync.SliceEngine;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;

/**
 * Lambda entry point of the {@code sync-slice} function: one bounded slice of one (shop, resource) stream.
 * Input {@code {"shop":"acme.myshopify.com","resource":"products","maxPages":10,"maxSeconds":60}}.
 */
@Named("sync-slice")
public class SyncSliceHandler implements RequestHandler<SliceRequest, SliceResult> {

    private final SliceEngine engine;
    private final Clock clock;

    public SyncSliceHandler(SliceEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public SliceResult handleRequest(SliceRequest request, Context context) {
        if (request == null) {
            throw new IllegalArgumentException("empty event: expected {\"shop\":..., \"resource\":...}");
        }
        return engine.run(request, lambdaDeadline(context));
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
