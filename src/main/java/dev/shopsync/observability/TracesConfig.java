package dev.shopsync.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Traces beyond Quarkus' own {@code quarkus.otel.*} settings. Traces are recorded only with
 * {@code quarkus.otel.sdk.disabled=false} (QUARKUS_OTEL_SDK_DISABLED=false).
 */
@ConfigMapping(prefix = "shopsync.traces")
public interface TracesConfig {

    /**
     * Also write every ended span as one log line (name, duration, ids, attributes): the way to see traces
     * locally without a collector. SHOPSYNC_TRACES_LOG=true.
     */
    @WithDefault("false")
    boolean log();
}
