package dev.shopsync.bulk;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.state.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;

/**
 * The bulk operations Shopify reported finished ({@code bulk_operations/finish} webhooks) and the backfill has not
 * polled since, per shop: a Redis list under {@link RedisKeys#finishedBulkOperations}, newest first. It cannot grow
 * without bound: it keeps at most {@link #CAPACITY} ids (older ones are dropped: the backfill polls its jobs anyway,
 * the webhook is a hint), forgets itself {@link #TTL} after the last report (a result URL is dead by then), and a
 * backfill step that polls an operation to its end takes it off.
 */
@ApplicationScoped
public class FinishedBulkOperations {

    /** More than a shop can have finished between two backfill steps (5 jobs run at once at most). */
    static final int CAPACITY = 100;
    /** Shopify's result URLs expire after 7 days: a report older than that is of no use. */
    static final Duration TTL = Duration.ofDays(7);

    /** One id once (a repeated webhook moves it to the front), the newest {@code ARGV[2]} kept, the TTL renewed. */
    private static final String ADD = "redis.call('LREM', KEYS[1], 0, ARGV[1]) "
            + "redis.call('LPUSH', KEYS[1], ARGV[1]) "
            + "redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[3]) "
            + "return redis.call('LLEN', KEYS[1])";

    private final RedisDataSource redis;
    private final ListCommands<String, String> lists;
    private final RedisKeys keys;

    public FinishedBulkOperations(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.lists = redis.list(String.class);
        this.keys = keys;
    }

    /**
     * Records that Shopify reported {@code operationGid} (e.g. {@code gid://shopify/BulkOperation/1}) finished for
     * {@code shop} (its domain). Idempotent; atomic; the shop's list stays at most {@link #CAPACITY} long.
     */
    public void add(String shop, String operationGid) {
        if (operationGid == null || operationGid.isBlank()) {
            throw new IllegalArgumentException("a finished bulk operation needs its id");
        }
        redis.execute("EVAL", ADD, "1", keys.finishedBulkOperations(shop), operationGid, String.valueOf(CAPACITY),
                String.valueOf(TTL.toMillis()));
    }

    /** Takes the operation off the shop's list: true if Shopify had reported it finished and it was still there. */
    public boolean take(String shop, String operationGid) {
        return lists.lrem(keys.finishedBulkOperations(shop), 0, operationGid) > 0;
    }

    /** The operations reported finished and not taken yet, newest first. */
    public List<String> pending(String shop) {
        return lists.lrange(keys.finishedBulkOperations(shop), 0, -1);
    }
}
