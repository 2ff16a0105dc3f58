package dev.shopsync.cache;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The read function's answer cache: {@code shopsync.cache.*}. */
@ConfigMapping(prefix = "shopsync.cache")
public interface CacheConfig {

    /** Off: every read goes to PostgreSQL (answers are the same, only slower). */
    @WithDefault("true")
    boolean enabled();

    /** The in-container cache (L1) holds answers up to this many MiB of JSON. */
    @WithDefault("64")
    int l1MaxMb();

    /** How long an answer stays in L1 after it was put there (it is validated on every hit anyway). */
    @WithDefault("PT10M")
    Duration l1Ttl();

    /** How long an answer stays in Redis (L2), shared by every container. */
    @WithDefault("PT1H")
    Duration l2Ttl();

    /** Answers larger than this are served but not cached. */
    @WithDefault("1048576")
    int maxAnswerBytes();

    /** How many of a shop's most asked answers a container loads into L1 when it starts. */
    @WithDefault("500")
    int hotAnswers();

    /** Load every shop's hottest answers into L1 at start (before a SnapStart snapshot is taken). */
    @WithDefault("false")
    boolean warmOnStart();

    /**
     * One L1 hit in this many is counted in Redis (by this many), so counting costs the hot path almost nothing and
     * the counts stay right on average.
     */
    @WithDefault("8")
    int hitSample();
}
