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

    /** Marks one webhook delivery as being processed or done (deduplication by event id). */
    public String webhookEvent(String shop, String eventId) {
        return shopKey(shop, "webhook:" + eventId);
    }

    /** Ids of one resource that webhooks asked to re-read from Shopify. */
    public String refreshQueue(String shop, String resource) {
        return shopKey(shop, "refresh:" + resource);
    }

    /** Ids a refresh slice took off the queue and has not committed yet. */
    public String refreshInFlight(String shop, String resource) {
        return shopKey(shop, "refresh:" + resource + ":inflight");
    }

    /** Bulk operations Shopify reported finished, for the bulk path to pick up. */
    public String finishedBulkOperations(String shop) {
        return shopKey(shop, "bulk:finished");
    }

    /** The bulk backfill of one resource: its job, window and progress ({@code BulkJob} as JSON). */
    public String bulkJob(String shop, String resource) {
        return shopKey(shop, "bulk:" + resource);
    }

    /** The streams of a shop that have a slice queued or running (sorted by when last heard of). */
    public String queuedSlices(String shop) {
        return shopKey(shop, "queued");
    }

    /** When each stream of a shop was last queued by the planner (a hash), for turns among streams. */
    public String lastPlanned(String shop) {
        return shopKey(shop, "planned");
    }

    /** Set while a periodic mode (reconcile, deletions) of a stream is not due again. */
    public String notDueBefore(String shop, String stream) {
        return shopKey(shop, "due:" + stream);
    }

    /** Every per-shop key that is not about one stream (see {@link ShopState#forget}). */
    public java.util.List<String> shopLevelKeys(String shop) {
        return java.util.List.of(bucket(shop), bucketLeases(shop), finishedBulkOperations(shop), queuedSlices(shop),
                lastPlanned(shop));
    }

    /**
     * The version of one entity of a shop ({@code entity} is e.g. {@code product:42}). Keyed by the shop's id, which
     * every writer has; the hash tag keeps a shop's versions and cached answers in one cluster slot.
     */
    public String entityVersion(long shopId, String entity) {
        return shopIdKey(shopId, "v:" + entity);
    }

    /** A cached answer of one shop, {@code answer} as the question names itself. */
    public String cachedAnswer(long shopId, String answer) {
        return shopIdKey(shopId, "a:" + answer);
    }

    /** The keys of a shop's cached answers (a set), so that an erasure finds them without scanning Redis. */
    public String answerIndex(long shopId) {
        return shopIdKey(shopId, "answers");
    }

    /** How often each cached answer of a shop was asked for (a sorted set), for warming. */
    public String answerHits(long shopId) {
        return shopIdKey(shopId, "hits");
    }

    /** Pattern matching every key of this deployment; only for tests and maintenance. */
    public String allKeysPattern() {
        return prefix + ":*";
    }

    private String shopIdKey(long shopId, String suffix) {
        return prefix + ":{s" + shopId + "}:" + suffix;
    }

    private String shopKey(String shop, String suffix) {
        return prefix + ":{" + shop + "}:" + suffix;
    }
}
