package dev.shopsync.change;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

import dev.shopsync.state.LuaScript;
import dev.shopsync.state.RedisKeys;

/**
 * The version of every entity of every shop, in Redis (one string key each). A version is a value nobody else
 * will write again, stamped with Redis' clock:
 * <ul>
 * <li>{@code P<until>:<token>} — a commit that changes the entity is under way and will be finished before
 * {@code until} (ms); no answer built meanwhile may be kept;</li>
 * <li>{@code C<at>:<token>} — the last commit that changed it finished at {@code at} (ms); {@code C0:…} is the
 * version of an entity nobody has changed within the version TTL.</li>
 * </ul>
 * A commit marks its entities pending just before it commits and finished just after ({@link Changes}); a reader
 * notes Redis' time before reading PostgreSQL, and may keep its answer only if every version it was built from
 * finished before that moment ({@link Observed#allFinishedBefore}). So a kept answer never misses a commit that
 * finished before the read began, and a cached answer is served only while every version it recorded is unchanged.
 */
@ApplicationScoped
public class EntityVersions {

    /** KEYS: versions; ARGV: pending ms, ttl ms, token. Marks them pending; returns the value written. */
    private static final LuaScript BEGIN = new LuaScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local v = 'P' .. (now + tonumber(ARGV[1])) .. ':' .. ARGV[3]
            for i = 1, #KEYS do redis.call('SET', KEYS[i], v, 'PX', ARGV[2]) end
            return v""");

    /**
     * KEYS: versions; ARGV: ttl ms, this commit's pending value, token. Marks them finished now, except where another
     * commit's mark is pending (that commit finishes after this one and will stamp a later time).
     */
    private static final LuaScript END = new LuaScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local v = 'C' .. now .. ':' .. ARGV[3]
            for i = 1, #KEYS do
              local cur = redis.call('GET', KEYS[i])
              local until_ms = cur and cur ~= ARGV[2] and tonumber(string.match(cur, '^P(%d+):'))
              if not (until_ms and until_ms > now) then redis.call('SET', KEYS[i], v, 'PX', ARGV[1]) end
            end
            return now""");

    /** KEYS: versions; ARGV: ttl ms, token. Their values (created as never changed where absent), then Redis' time. */
    private static final LuaScript OBSERVE = new LuaScript("""
            local t = redis.call('TIME')
            local out = {}
            for i = 1, #KEYS do
              local cur = redis.call('GET', KEYS[i])
              if not cur then
                cur = 'C0:' .. ARGV[2] .. ':' .. i
                redis.call('SET', KEYS[i], cur, 'PX', ARGV[1])
              end
              out[i] = cur
            end
            out[#KEYS + 1] = tostring(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
            return out""");

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final ChangeConfig config;

    public EntityVersions(RedisDataSource redis, RedisKeys keys, ChangeConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    /** The Redis key of an entity's version. */
    public String key(long shopId, Entity entity) {
        return keys.entityVersion(shopId, entity.keyPart());
    }

    /** Marks the entities as being changed by a commit about to happen; returns the mark, for {@link #end}. */
    public String begin(long shopId, Collection<Entity> entities) {
        Response reply = BEGIN.run(redis, keysOf(shopId, entities), List.of(
                Long.toString(config.pendingAtMost().toMillis()), Long.toString(config.versionTtl().toMillis()),
                token()));
        return reply.toString();
    }

    /** Gives the entities a new version, stamped now: the commit that {@link #begin} announced has finished. */
    public void end(long shopId, Collection<Entity> entities, String pending) {
        END.run(redis, keysOf(shopId, entities), List.of(Long.toString(config.versionTtl().toMillis()), pending,
                token()));
    }

    /** The current versions of {@code versionKeys} (created where absent) and Redis' time, in one round trip. */
    public Observed observe(List<String> versionKeys) {
        Response reply = OBSERVE.run(redis, versionKeys,
                List.of(Long.toString(config.versionTtl().toMillis()), token()));
        List<String> values = new ArrayList<>(versionKeys.size());
        for (int i = 0; i < versionKeys.size(); i++) {
            values.add(reply.get(i).toString());
        }
        return new Observed(values, Long.parseLong(reply.get(versionKeys.size()).toString()));
    }

    /** The current values of {@code versionKeys} (null where absent), in one round trip. */
    public List<String> current(List<String> versionKeys) {
        Response reply = redis.execute("MGET", versionKeys.toArray(String[]::new));
        List<String> values = new ArrayList<>(versionKeys.size());
        for (Response value : reply) {
            values.add(value == null ? null : value.toString());
        }
        return values;
    }

    private List<String> keysOf(long shopId, Collection<Entity> entities) {
        List<String> list = new ArrayList<>(entities.size());
        for (Entity entity : entities) {
            list.add(key(shopId, entity));
        }
        return list;
    }

    private static String token() {
        return UUID.randomUUID().toString();
    }

    /** Versions as observed, and Redis' time when they were. */
    public record Observed(List<String> values, long redisMillis) {

        /**
         * Whether every version was finished before {@code millis} (Redis' time): then an answer read from
         * PostgreSQL after that moment saw every commit these versions stand for. A pending mark counts as finished
         * at its deadline.
         */
        public boolean allFinishedBefore(long millis) {
            for (String value : values) {
                if (stamp(value) >= millis) {
                    return false;
                }
            }
            return true;
        }

        private static long stamp(String value) {
            int colon = value.indexOf(':');
            return Long.parseLong(value.substring(1, colon));
        }
    }
}
