package dev.shopsync.observability;

import java.util.Collection;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * With {@code shopsync.traces.log=true}, spans are written as log lines (name, duration, ids, attributes) instead of
 * being sent over OTLP: traces seen in dev mode or a local run without a collector. Quarkus sends spans to the
 * exporter beans it finds and to OTLP only when there is none, so this bean exists for lookups only when asked for.
 * Attributes are logged as recorded, and recorded spans hold no tokens or personal data.
 */
@Singleton
@LookupIfProperty(name = "shopsync.traces.log", stringValue = "true")
public class LoggedSpans implements SpanExporter {

    private static final Logger LOG = Logger.getLogger(LoggedSpans.class);

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        for (SpanData span : spans) {
            StringBuilder attributes = new StringBuilder();
            span.getAttributes().forEach((key, value) -> attributes.append(' ').append(key.getKey()).append('=')
                    .append(value));
            LOG.infof("span %s %.1f ms trace=%s span=%s parent=%s%s%s", span.getName(),
                    (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6, span.getTraceId(), span.getSpanId(),
                    span.getParentSpanId(), attributes,
                    span.getStatus().getStatusCode() == StatusCode.ERROR ? " ERROR" : "");
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
