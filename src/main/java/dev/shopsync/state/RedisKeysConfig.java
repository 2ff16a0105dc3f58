package dev.shopsync.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Naming of the Redis keys this application owns. */
@ConfigMapping(prefix = "shopsync.redis")
public interface RedisKeysConfig {

    /** Every key starts with this prefix, so several deployments (or test classes) can share one Redis. */
    @WithDefault("shopsync")
    String keyPrefix();
}
