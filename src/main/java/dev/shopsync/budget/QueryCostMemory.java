package dev.shopsync.budget;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.state.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;

/**
 * The {@code requestedQueryCost} Shopify reported, per query shape. Shopify's number is the truth and is
 * preferred over our static estimate from then on; it is shared through Redis so that a cold Lambda knows
 * it too, and kept in memory so that a warm one does not ask Redis every page.
 */
@ApplicationScoped
public class QueryCostMemory {

    private final HashCommands<String, String, Integer> hashes;
    private final RedisKeys keys;
    private final Map<String, Integer> local = new ConcurrentHashMap<>();

    public QueryCostMemory(RedisDataSource redis, RedisKeys keys) {
        this.hashes = redis.hash(Integer.class);
        this.keys = keys;
    }

    public Optional<Integer> requestedCost(String shape) {
        Integer known = local.get(shape);
        if (known != null) {
            return Optional.of(known);
        }
        Integer shared = hashes.hget(keys.queryCosts(), shape);
        if (shared != null) {
            local.put(shape, shared);
        }
        return Optional.ofNullable(shared);
    }

    public void remember(String shape, int requestedCost) {
        Integer previous = local.put(shape, requestedCost);
        if (previous == null || previous != requestedCost) {
            hashes.hset(keys.queryCosts(), shape, requestedCost);
        }
    }
}
