package dev.shopsync.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.state.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

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

    private final ValueCommands<String, String> values;
    private final RedisKeys keys;
    private final WebhookConfig config;

    public WebhookDeduplicator(RedisDataSource redis, RedisKeys keys, WebhookConfig config) {
        this.values = redis.value(String.class);
        this.keys = keys;
        this.config = config;
    }

    public Claim claim(String shop, String eventId) {
        // one atomic SET NX PX GET (Redis 7): the claim and its expiry can never be separated by a crash
        String previous = values.setGet(keys.webhookEvent(shop, eventId), PROCESSING,
                new SetArgs().nx().px(config.inProgressTtl()));
        if (previous == null) {
            return Claim.CLAIMED;
        }
        return DONE.equals(previous) ? Claim.DUPLICATE : Claim.IN_PROGRESS;
    }

    public void done(String shop, String eventId) {
        values.set(keys.webhookEvent(shop, eventId), DONE, new SetArgs().px(config.dedupTtl()));
    }

    public void release(String shop, String eventId) {
        values.getdel(keys.webhookEvent(shop, eventId));
    }
}
