package dev.shopsync.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * One span, current while it is open: {@code try (Traced span = traces.start("...")) { ... }}. Attributes are names,
 * ids, counts and outcomes only; a failure records the exception's class, never its message (database and Shopify
 * messages can quote personal data or a request's body).
 */
public final class Traced implements AutoCloseable {

    private final Span span;
    private final Scope scope;

    Traced(Span span) {
        this.span = span;
        this.scope = span.makeCurrent();
    }

    public Traced set(String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    public Traced set(String key, long value) {
        span.setAttribute(AttributeKey.longKey(key), value);
        return this;
    }

    public Traced set(String key, boolean value) {
        span.setAttribute(AttributeKey.booleanKey(key), value);
        return this;
    }

    /** How the step ended, as {@code shopsync.outcome}. */
    public Traced outcome(String outcome) {
        return set("shopsync.outcome", outcome);
    }

    /** The step failed: ERROR status and the exception's class. */
    public Traced failed(Throwable e) {
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        span.setAttribute("exception.type", e.getClass().getName());
        return this;
    }

    /** A failure answered to the caller (a 4xx or 5xx), without an exception. */
    public Traced failed(String reason) {
        span.setStatus(StatusCode.ERROR, reason);
        return this;
    }

    public SpanContext context() {
        return span.getSpanContext();
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
