package dev.shopsync.observability;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The registry behind the sync's meters: a plain in-memory one that Quarkus adds to its global registry and that
 * {@link EmfPublisher} empties at the end of every Lambda invocation, so each invocation reports its own
 * measurements and a warm container never reports them twice.
 */
public class InvocationMeters {

    @Produces
    @Singleton
    public SimpleMeterRegistry invocationRegistry() {
        return new SimpleMeterRegistry();
    }
}
