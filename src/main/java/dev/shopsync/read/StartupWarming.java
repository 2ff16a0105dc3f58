package dev.shopsync.read;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.shopsync.cache.AnswerCache;
import dev.shopsync.cache.CacheConfig;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;

/**
 * With {@code shopsync.cache.warm-on-start}, a starting container loads every shop's most asked answers into L1
 * (and so into a SnapStart snapshot taken after start): the first reads of a new container are then L1 hits. Loaded
 * answers are validated when hit, like any other, so a snapshot restored days later serves nothing stale. A shop
 * whose answers cannot be loaded is only logged: a cold cache is slower, not wrong.
 */
@ApplicationScoped
public class StartupWarming {

    private static final Logger LOG = Logger.getLogger(StartupWarming.class);

    private final AnswerCache cache;
    private final CacheConfig config;
    private final ShopDirectory shops;
    private final ShopRegistry registry;

    public StartupWarming(AnswerCache cache, CacheConfig config, ShopDirectory shops, ShopRegistry registry) {
        this.cache = cache;
        this.config = config;
        this.shops = shops;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled() && config.warmOnStart()) {
            warmAll();
        }
    }

    /** Loads every shop's hottest answers; returns how many were loaded. */
    public int warmAll() {
        long started = System.nanoTime();
        int loaded = 0;
        for (ShopConnection shop : shops.all()) {
            try {
                loaded += cache.warm(registry.idOf(shop));
            } catch (RuntimeException e) {
                LOG.warnf("cache of %s not warmed: %s", shop.domain(), e.getClass().getSimpleName());
            }
        }
        LOG.infof("cache warmed: %d answers in L1 in %d ms", loaded, (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }
}
