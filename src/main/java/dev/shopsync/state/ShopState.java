package dev.shopsync.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Everything Redis holds about one shop, as one thing to forget: after a shop's data was erased its cursors, bulk
 * jobs, queues and budget must not survive, or a reinstall would find its streams "up to date" over empty tables.
 * Keys are named, not scanned: they share the shop's hash tag, so one DEL removes them on Redis Cluster too.
 */
@ApplicationScoped
public class ShopState {

    /** The whole-resource streams a resource may have (partitions are one-off windows asked for by hand). */
    private static final List<String> STREAM_SUFFIXES = List.of("", "#reconcile", "#deletions", "#refresh",
            "#backfill");

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public ShopState(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** @return keys deleted */
    public int forget(String shop, Collection<String> resources) {
        List<String> names = new ArrayList<>(keys.shopLevelKeys(shop));
        for (String resource : resources) {
            names.add(keys.refreshQueue(shop, resource));
            names.add(keys.refreshInFlight(shop, resource));
            names.add(keys.bulkJob(shop, resource));
            for (String suffix : STREAM_SUFFIXES) {
                String stream = resource + suffix;
                names.add(keys.cursor(shop, stream));
                names.add(keys.lock(shop, stream));
                names.add(keys.fence(shop, stream));
                names.add(keys.notDueBefore(shop, stream));
            }
        }
        return redis.key().del(names.toArray(String[]::new));
    }
}
