package dev.shopsync.state;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Response;

/**
 * One writer per (shop, resource): a Redis lock whose value is a fencing token from a per-stream counter.
 * A crashed holder's lock expires after its TTL.
 */
@ApplicationScoped
public class SliceLock {

    /** Delete only if we still hold it: a lock that expired and was taken over must not be released by us. */
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisDataSource redis;
    private final ValueCommands<String, Long> counters;
    private final RedisKeys keys;

    public SliceLock(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.counters = redis.value(Long.class);
        this.keys = keys;
    }

    public Optional<Held> acquire(String shop, String resource, Duration ttl) {
        long fence = counters.incr(keys.fence(shop, resource));
        String key = keys.lock(shop, resource);
        Response reply = redis.execute("SET", key, Long.toString(fence), "NX", "PX", Long.toString(ttl.toMillis()));
        if (reply == null) {
            return Optional.empty();
        }
        return Optional.of(new Held(key, fence));
    }

    public void release(Held held) {
        redis.execute("EVAL", RELEASE, "1", held.key(), Long.toString(held.fencingToken()));
    }

    /** A held lock; the fencing token increases with every acquisition of the same stream. */
    public record Held(String key, long fencingToken) {
    }
}
