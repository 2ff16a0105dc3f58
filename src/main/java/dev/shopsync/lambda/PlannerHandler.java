package dev.shopsync.lambda;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.observability.EmfPublisher;
import dev.shopsync.plan.SlicePlanner;
import dev.shopsync.sync.SliceRequest;

/**
 * Lambda entry point of the {@code planner} function, run by an EventBridge schedule: queues the slices that are
 * due (see {@link SlicePlanner}). A scheduled event plans every shop; {@code {"shops": ["a.myshopify.com"]}} only
 * those.
 */
@Named("planner")
public class PlannerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final SlicePlanner planner;
    private final EmfPublisher emf;
    private final Traces traces;

    public PlannerHandler(SlicePlanner planner, EmfPublisher emf, Traces traces) {
        this.planner = planner;
        this.emf = emf;
        this.traces = traces;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        try (LogContext log = LogContext.invocation(requestId);
                Traced span = traces.invocation("planner", requestId, "timer")) {
            // {"shops": [...]} plans only those (an operator's manual run); a scheduled event plans every shop
            Set<String> only = new TreeSet<>();
            if (event != null && event.get("shops") instanceof List<?> shops) {
                shops.forEach(shop -> only.add(String.valueOf(shop)));
            }
            List<SliceRequest> queued;
            try {
                queued = planner.plan(only);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            } finally {
                emf.flush();
            }
            span.set("shopsync.queued", queued.size());
            return Map.of("queued", queued.size(), "slices", queued.stream()
                    .map(r -> r.shop() + "/" + r.stream()).toList());
        } finally {
            traces.flush();
        }
    }
}
