package dev.shopsync.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.state.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * The planner's own state in Redis: when each of a shop's streams was last queued (so streams take turns), and
 * the periodic ones not due again before a time (a marker that expires; losing it only makes the stream due now).
 */
@ApplicationScoped
public class PlanningMarks {

    private final ValueCommands<String, String> values;
    private final HashCommands<String, String, String> hashes;
    private final RedisKeys keys;

    public PlanningMarks(RedisDataSource redis, RedisKeys keys) {
        this.values = redis.value(String.class);
        this.hashes = redis.hash(String.class);
        this.keys = keys;
    }

    /** The stream is not due again for {@code every} from {@code now}. */
    void notDueFor(String shop, String stream, Instant now, Duration every) {
        values.set(keys.notDueBefore(shop, stream), now.toString(), new SetArgs().px(every.toMillis()));
    }

    /** Due when its not-due marker has expired, or was never set. */
    boolean isDue(String shop, String stream) {
        return values.get(keys.notDueBefore(shop, stream)) == null;
    }

    /** Stream → when it was last queued, epoch milliseconds as text. */
    Map<String, String> lastPlanned(String shop) {
        return hashes.hgetall(keys.lastPlanned(shop));
    }

    void planned(String shop, String stream, Instant at) {
        hashes.hset(keys.lastPlanned(shop), stream, String.valueOf(at.toEpochMilli()));
    }
}
