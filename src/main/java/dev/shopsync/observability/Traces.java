package dev.shopsync.observability;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;

/**
 * The spans of this application (OpenTelemetry, configured by Quarkus: off unless
 * {@code quarkus.otel.sdk.disabled=false}, see README "Traces"). Invocations are the roots, or continue the trace
 * Lambda's X-Ray header names; a queued slice continues the trace of whoever queued it through the message's
 * attributes. A Lambda container is frozen between invocations, so each invocation ends by flushing its spans.
 */
@Singleton
public class Traces {

    private static final Logger LOG = Logger.getLogger(Traces.class);
    /** Spans still unexported this long after an invocation are dropped rather than delay its answer. */
    private static final long FLUSH_MILLIS = 2_000;

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public Traces(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("dev.shopsync");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * The span of one Lambda invocation of {@code function}. Its parent is the X-Ray trace Lambda passed to the
     * invocation when the {@code xray-lambda} propagator is configured and Lambda traces; otherwise it is a root.
     */
    public Traced invocation(String function, String requestId, String trigger) {
        Context parent = propagator.extract(Context.root(), Map.of(), MAP_GETTER);
        Span span = tracer.spanBuilder(function).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("faas.trigger", trigger).startSpan();
        if (requestId != null) {
            span.setAttribute("faas.invocation_id", requestId);
        }
        return new Traced(span);
    }

    /** A step inside the current span. */
    public Traced start(String name) {
        return new Traced(tracer.spanBuilder(name).startSpan());
    }

    /** A call to another system (Shopify, a queue) from inside the current span. */
    public Traced start(String name, SpanKind kind) {
        return new Traced(tracer.spanBuilder(name).setSpanKind(kind).startSpan());
    }

    /**
     * The handling of one queued message: it continues the trace of the span that queued it (the message's
     * attributes, see {@link #carrier()}) and links back to the current invocation; without a carried context it
     * is a child of the invocation.
     */
    public Traced consume(String name, Map<String, String> carrier) {
        Context current = Context.current();
        Context parent = propagator.extract(current, carrier == null ? Map.of() : carrier, MAP_GETTER);
        SpanContext invocation = Span.fromContext(current).getSpanContext();
        SpanContext queuedBy = Span.fromContext(parent).getSpanContext();
        var builder = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER);
        if (queuedBy.isValid() && !queuedBy.equals(invocation)) {
            // the producer is the parent; the invocation that happened to receive the message is linked
            builder.addLink(queuedBy, Attributes.builder().put("shopsync.link", "queued-by").build());
            if (invocation.isValid()) {
                builder.addLink(invocation, Attributes.builder().put("shopsync.link", "invocation").build());
            }
        }
        return new Traced(builder.startSpan());
    }

    /** The current context as message attributes ({@code traceparent}, and the X-Ray header when configured). */
    public Map<String, String> carrier() {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** Exports what this invocation recorded before Lambda freezes the container; bounded. */
    public void flush() {
        if (telemetry instanceof OpenTelemetrySdk sdk) {
            var result = sdk.getSdkTracerProvider().forceFlush().join(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            if (!result.isSuccess()) {
                LOG.debug("spans not flushed within the invocation; they may be lost when Lambda freezes the container");
            }
        }
    }
}
