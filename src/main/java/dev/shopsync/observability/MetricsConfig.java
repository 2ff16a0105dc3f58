package dev.shopsync.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the sync's metrics go. */
@ConfigMapping(prefix = "shopsync.metrics")
public interface MetricsConfig {

    /** Whether each invocation writes its metrics as EMF lines to standard output (off in tests: log noise). */
    @WithDefault("true")
    boolean emf();
}
