package dev.shopsync.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The span exporter of every test run: spans stay in memory for the test to read. Quarkus' default exporter
 * ({@code cdi}) takes exporter beans and then leaves OTLP alone; spans exist only in tests that enable the SDK
 * ({@code quarkus.otel.sdk.disabled=false}, see TracingTest).
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
