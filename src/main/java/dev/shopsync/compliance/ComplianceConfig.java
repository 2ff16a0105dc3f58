package dev.shopsync.compliance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How shop erasures run: {@code shopsync.compliance.*}. */
@ConfigMapping(prefix = "shopsync.compliance")
public interface ComplianceConfig {

    /**
     * Rows deleted per transaction while erasing a shop (shop/redact): small enough that one chunk never holds its
     * locks for long, large enough that a big shop is erased in a few slices.
     */
    @WithDefault("5000")
    int eraseChunkRows();
}
