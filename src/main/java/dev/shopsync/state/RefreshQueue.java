package dev.shopsync.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.vertx.mutiny.redis.client.Response;

/**
 * Ids a webhook could not store from its payload alone (partial payloads, child objects), waiting to be re-read
 * from Shopify with {@code nodes(ids:)} by a {@code refresh} slice. A Redis set per shop and resource: a burst of
 * webhooks about the same order is one id. Taking a batch moves it, atomically, to an in-flight set that is
 * cleared only after the batch committed; a slice that died with a batch in flight leaves it there, and the
 * next refresh slice (they hold one lock per stream) puts it back first. Nothing taken is ever lost.
 */
@ApplicationScoped
public class RefreshQueue {

    /** KEYS: queue, in-flight; ARGV: how many. Pops up to that many ids into the in-flight set. */
    private static final String TAKE = "local ids = redis.call('SPOP', KEYS[1], ARGV[1]) "
            + "if #ids > 0 then redis.call('SADD', KEYS[2], unpack(ids)) end return ids";
    /** KEYS: queue, in-flight. Everything in flight goes back on the queue. */
    private static final String REQUEUE = "if redis.call('EXISTS', KEYS[2]) == 1 then "
            + "redis.call('SUNIONSTORE', KEYS[1], KEYS[1], KEYS[2]) redis.call('DEL', KEYS[2]) end return 0";

    private final RedisDataSource redis;
    private final SetCommands<String, Long> sets;
    private final RedisKeys keys;

    public RefreshQueue(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.sets = redis.set(Long.class);
        this.keys = keys;
    }

    public void enqueue(String shop, String resource, Collection<Long> ids) {
        if (!ids.isEmpty()) {
            sets.sadd(keys.refreshQueue(shop, resource), ids.toArray(Long[]::new));
        }
    }

    /** Takes up to {@code max} ids into flight; {@link #committed} or {@link #requeueInFlight} must follow. */
    public List<Long> take(String shop, String resource, int max) {
        Response reply = redis.execute("EVAL", TAKE, "2", keys.refreshQueue(shop, resource),
                keys.refreshInFlight(shop, resource), String.valueOf(max));
        List<Long> ids = new ArrayList<>();
        if (reply != null) {
            reply.forEach(id -> ids.add(Long.parseLong(id.toString())));
        }
        return ids;
    }

    /** The batch in flight was written: forget it. */
    public void committed(String shop, String resource) {
        redis.key().del(keys.refreshInFlight(shop, resource));
    }

    /** Puts whatever is in flight (a failed batch, or one a crashed slice left) back on the queue. */
    public void requeueInFlight(String shop, String resource) {
        redis.execute("EVAL", REQUEUE, "2", keys.refreshQueue(shop, resource), keys.refreshInFlight(shop, resource));
    }

    /** Ids waiting, in flight included. */
    public long size(String shop, String resource) {
        return sets.scard(keys.refreshQueue(shop, resource)) + sets.scard(keys.refreshInFlight(shop, resource));
    }
}
