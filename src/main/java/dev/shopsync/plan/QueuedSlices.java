package dev.shopsync.plan;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.state.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZAddArgs;

/**
 * The streams of one shop that have a slice message queued or running, in a Redis sorted set scored by when they
 * were last heard of: a stream is claimed once (so the planner never queues it twice), kept while its slices
 * re-queue themselves, and released when the chain ends. A claim not heard of for {@code stale-after} is lost.
 */
@ApplicationScoped
public class QueuedSlices {

    private final SortedSetCommands<String, String> sets;
    private final RedisKeys keys;

    public QueuedSlices(RedisDataSource redis, RedisKeys keys) {
        this.sets = redis.sortedSet(String.class);
        this.keys = keys;
    }

    /** True when the stream was not queued yet and now is. */
    public boolean claim(String shop, String stream, Instant now) {
        return sets.zadd(keys.queuedSlices(shop), new ZAddArgs().nx(), now.toEpochMilli(), stream);
    }

    /** The stream's chain goes on (a slice re-queued itself). */
    public void touch(String shop, String stream, Instant now) {
        sets.zadd(keys.queuedSlices(shop), now.toEpochMilli(), stream);
    }

    /** The stream's chain ended: the planner may queue it again. */
    public void release(String shop, String stream) {
        sets.zrem(keys.queuedSlices(shop), stream);
    }

    /** Streams queued or running, after forgetting the ones not heard of since {@code staleBefore}. */
    public long active(String shop, Instant staleBefore) {
        String key = keys.queuedSlices(shop);
        sets.zremrangebyscore(key, new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) staleBefore.toEpochMilli()));
        return sets.zcard(key);
    }
}
