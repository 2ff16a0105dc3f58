package dev.shopsync.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;

/**
 * Ids a webhook could not store from its payload alone (partial payloads, child objects), waiting to be re-read
 * from Shopify with {@code nodes(ids:)} by a {@code refresh} slice. A Redis set per shop and resource: a burst of
 * webhooks about the same order is one id, and any invocation may drain it.
 */
@ApplicationScoped
public class RefreshQueue {

    private final SetCommands<String, Long> sets;
    private final RedisKeys keys;

    public RefreshQueue(RedisDataSource redis, RedisKeys keys) {
        this.sets = redis.set(Long.class);
        this.keys = keys;
    }

    public void enqueue(String shop, String resource, Collection<Long> ids) {
        if (!ids.isEmpty()) {
            sets.sadd(keys.refreshQueue(shop, resource), ids.toArray(Long[]::new));
        }
    }

    /** Takes up to {@code max} ids off the queue; the caller puts them back with {@link #enqueue} if it fails. */
    public List<Long> take(String shop, String resource, int max) {
        return new ArrayList<>(sets.spop(keys.refreshQueue(shop, resource), max));
    }

    public long size(String shop, String resource) {
        return sets.scard(keys.refreshQueue(shop, resource));
    }
}
