package dev.shopsync.lambda;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the function primes itself (see {@link Priming}). */
@ConfigMapping(prefix = "shopsync.priming")
public interface PrimingConfig {

    /**
     * Prime at every start too, not only before a SnapStart snapshot: for provisioned concurrency, or to measure what
     * priming buys without SnapStart (the cold-start benchmark). Costs the start what it saves the first invocation.
     */
    @WithDefault("false")
    boolean atStart();
}
