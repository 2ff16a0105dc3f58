package dev.shopsync.change;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Entity versions in Redis: {@code shopsync.changes.*}. */
@ConfigMapping(prefix = "shopsync.changes")
public interface ChangeConfig {

    /**
     * How long an entity's version lives after its last change. Longer than any cached answer can live (the L2 TTL
     * plus the L1 TTL): an answer is only served while the versions it recorded are still there and equal.
     */
    @WithDefault("P2D")
    Duration versionTtl();

    /**
     * How long a commit may take between marking its entities as changing and saying it finished. A writer that
     * dies in between leaves the mark; after this long it counts as finished.
     */
    @WithDefault("PT2M")
    Duration pendingAtMost();
}
