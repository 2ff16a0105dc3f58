package dev.shopsync.state;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds the application's Redis keys. The shop sits in a {@code {hash tag}} so that every key of one shop
 * lands in one Redis Cluster slot and Lua scripts may touch several of them.
 */
@ApplicationScoped
public class RedisKeys {

    private final String prefix;

    public RedisKeys(RedisKeysConfig config) {
        this.prefix = config.keyPrefix();
    }

    public String cursor(String shop, String resource) {
        return shopKey(shop, "cursor:" + resource);
    }

    public String lock(String shop, String resource) {
        return shopKey(shop, "lock:" + resource);
    }

    public String bucket(String shop) {
        return shopKey(shop, "bucket");
    }

    public String bucketLeases(String shop) {
        return shopKey(shop, "bucket:leases");
    }

    /** Requested costs Shopify reported, per query shape; shop independent. */
    public String queryCosts() {
        return prefix + ":querycost";
    }

    public String fence(String shop, String resource) {
        return shopKey(shop, "fence:" + resource);
    }

    /** Pattern matching every key of this deployment; only for tests and maintenance. */
    public String allKeysPattern() {
        return prefix + ":*";
    }

    private String shopKey(String shop, String suffix) {
        return prefix + ":{" + shop + "}:" + suffix;
    }
}
