package dev.shopsync.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.state.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Response;

/**
 * Delivers each webhook event once. Claiming an event id is a Redis {@code SET NX} with a short TTL; only when
 * processing committed does the key become "done" for longer than Shopify retries. A failure releases the
 * claim, so Shopify's retry is processed; a retry that arrives while the first delivery is still running is
 * told to come back later.
 */
@ApplicationScoped
public class WebhookDeduplicator {

    private static final String PROCESSING = "processing";
    private static final String DONE = "done";

    /** What claiming an event id found. */
    public enum Claim {
        /** First delivery: process it, then {@link #done} or {@link #release}. */
        CLAIMED,
        /** Already processed: answer 200 and do nothing. */
        DUPLICATE,
        /** Another delivery of the same event is being processed right now. */
        IN_PROGRESS
    }

    /** KEYS: the event; ARGV: claim value, its expiry (ms). The value already there, or nil once claimed. */
    private static final String CLAIM = "local previous = redis.call('GET', KEYS[1]) if previous then "
            + "return previous end redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return false";

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final RedisKeys keys;
    private final WebhookConfig config;

    public WebhookDeduplicator(RedisDataSource redis, RedisKeys keys, WebhookConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.keys = keys;
        this.config = config;
    }

    public Claim claim(String shop, String eventId) {
        // one atomic script: the claim and its expiry can never be separated by a crash (SET NX PX GET would do
        // the same, but needs Redis 7; the embedded Redis of dev and test runs is 6.2)
        Response previous = redis.execute("EVAL", CLAIM, "1", keys.webhookEvent(shop, eventId), PROCESSING,
                String.valueOf(config.inProgressTtl().toMillis()));
        if (previous == null) {
            return Claim.CLAIMED;
        }
        return DONE.equals(previous.toString()) ? Claim.DUPLICATE : Claim.IN_PROGRESS;
    }

    public void done(String shop, String eventId) {
        values.set(keys.webhookEvent(shop, eventId), DONE, new SetArgs().px(config.dedupTtl()));
    }

    public void release(String shop, String eventId) {
        values.getdel(keys.webhookEvent(shop, eventId));
    }
}
