package dev.shopsync.observability;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Writes each ended span as a log line when {@code shopsync.traces.log} is on (Quarkus adds every
 * {@link SpanProcessor} bean to the tracer, beside the OTLP exporter): traces seen in dev mode or a test run
 * without a collector. Attributes are logged as recorded, and recorded spans hold no tokens or personal data.
 */
@Singleton
public class LoggedSpans implements SpanProcessor {

    private static final Logger LOG = Logger.getLogger(LoggedSpans.class);

    private final boolean enabled;

    public LoggedSpans(TracesConfig config) {
        this.enabled = config.log();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanData data = span.toSpanData();
        StringBuilder attributes = new StringBuilder();
        data.getAttributes().forEach((key, value) -> attributes.append(' ').append(key.getKey()).append('=')
                .append(value));
        LOG.infof("span %s %.1f ms trace=%s span=%s parent=%s%s%s", data.getName(),
                (data.getEndEpochNanos() - data.getStartEpochNanos()) / 1e6, data.getTraceId(), data.getSpanId(),
                data.getParentSpanId(), attributes, data.getStatus().getStatusCode() == StatusCode.ERROR ? " ERROR" : "");
    }

    @Override
    public boolean isEndRequired() {
        return enabled;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }
}
