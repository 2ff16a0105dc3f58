package dev.shopsync.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.change.EntityVersions;
import dev.shopsync.state.LuaScript;
import dev.shopsync.state.RedisKeys;

/**
 * Answers in two levels: L1 in this container (Caffeine, bounded by weight, W-TinyLFU), L2 in Redis (shared, with a
 * TTL), PostgreSQL behind them. Nothing can be pushed into a frozen Lambda container, so every hit is validated
 * instead: a cached answer carries the versions of the entities it was built from, and is served only if Redis
 * still holds exactly those — one {@code MGET} for an L1 hit, one script for an L2 lookup. A miss notes Redis' time
 * before reading PostgreSQL and caches the answer only if every version it depends on was finished before that
 * moment ({@link EntityVersions}), so no cached answer ever predates a commit that finished before it was read.
 */
@ApplicationScoped
public class AnswerCache {

    private static final Logger LOG = Logger.getLogger(AnswerCache.class);

    /**
     * KEYS: the answer. Redis' time, then (if cached) status, body, version keys, versions it recorded, and the
     * current values of those keys ('' where absent).
     */
    private static final LuaScript LOOKUP = new LuaScript("""
            local t = redis.call('TIME')
            local now = tostring(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
            local a = redis.call('HMGET', KEYS[1], 's', 'b', 'k', 'v')
            if not a[1] then return {now} end
            local keys = {}
            for k in string.gmatch(a[3], '[^\\n]+') do keys[#keys + 1] = k end
            local cur = redis.call('MGET', unpack(keys))
            for i = 1, #keys do if not cur[i] then cur[i] = '' end end
            return {now, a[1], a[2], a[3], a[4], table.concat(cur, '\\n')}""");

    /**
     * KEYS: the answer, the shop's hit counts, the shop's answer index; ARGV: status, body, version keys, versions,
     * ttl ms, the question.
     */
    private static final LuaScript STORE = new LuaScript("""
            redis.call('HSET', KEYS[1], 's', ARGV[1], 'b', ARGV[2], 'k', ARGV[3], 'v', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('ZINCRBY', KEYS[2], 1, ARGV[6])
            redis.call('PEXPIRE', KEYS[2], 604800000)
            redis.call('SADD', KEYS[3], KEYS[1])
            redis.call('PEXPIRE', KEYS[3], ARGV[5])
            return 1""");

    /**
     * One step through a shop's answer index. KEYS: the index; ARGV: the SSCAN cursor, the batch size, then the
     * version keys of the erased entities (none: every answer). Deletes the answers built from any of them, drops
     * expired answers from the index, and returns the next cursor and how many answers it deleted.
     */
    private static final LuaScript ERASE = new LuaScript("""
            local step = redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
            local deleted = 0
            for _, answer in ipairs(step[2]) do
                local built = redis.call('HGET', answer, 'k')
                local erase = not built or #ARGV == 2
                if built and not erase then
                    local around = '\\n' .. built .. '\\n'
                    for i = 3, #ARGV do
                        if string.find(around, '\\n' .. ARGV[i] .. '\\n', 1, true) then erase = true break end
                    end
                end
                if erase then
                    if built then redis.call('DEL', answer) deleted = deleted + 1 end
                    redis.call('SREM', KEYS[1], answer)
                end
            end
            return {step[1], deleted}""");

    /** How long a reader waits for another one reading the same question before it reads for itself. */
    private static final Duration LOADING_WAIT = Duration.ofSeconds(2);

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactiveRedis;
    private final EntityVersions versions;
    private final RedisKeys keys;
    private final CacheConfig config;
    private final Cache<String, CachedAnswer> l1;
    /** The questions a thread of this container is looking up beyond L1 right now. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> loading = new ConcurrentHashMap<>();

    public AnswerCache(RedisDataSource redis, ReactiveRedisDataSource reactiveRedis, EntityVersions versions,
            RedisKeys keys, CacheConfig config) {
        this.redis = redis;
        this.reactiveRedis = reactiveRedis;
        this.versions = versions;
        this.keys = keys;
        this.config = config;
        this.l1 = Caffeine.newBuilder()
                .maximumWeight((long) config.l1MaxMb() * 1024 * 1024)
                .weigher((String key, CachedAnswer answer) -> answer.weight())
                .expireAfterWrite(config.l1Ttl())
                // maintenance on the caller's thread: a frozen Lambda container runs no background work
                .executor(Runnable::run)
                .build();
    }

    /** An answer and where it came from. */
    public record Served(Answer answer, Tier tier) {
    }

    /**
     * The answer to {@code question}, from L1, L2, or {@code source} (PostgreSQL). Of the threads of this container
     * that miss the same question at once, one looks further; the others wait for it and then validate what it
     * cached like any L1 hit (served as {@code MISS}: it was read for them), so a hot answer that a commit just
     * invalidated is read from PostgreSQL once, not once per waiting reader.
     */
    public Served get(Answerable question, Function<Answerable, Answer> source) {
        if (!config.enabled()) {
            return new Served(source.apply(question), Tier.BYPASS);
        }
        long shopId = question.shopId();
        String l1Key = shopId + ":" + question.key();
        Answer local = validL1(l1Key, shopId, question.key());
        if (local != null) {
            return new Served(local, Tier.L1);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = loading.putIfAbsent(l1Key, mine);
        if (other != null) {
            awaitQuietly(other);
            Answer loaded = validL1(l1Key, shopId, question.key());
            if (loaded != null) {
                return new Served(loaded, Tier.MISS);
            }
            return lookFurther(question, source, l1Key); // it failed, or its answer could not be kept
        }
        try {
            return lookFurther(question, source, l1Key);
        } finally {
            loading.remove(l1Key, mine);
            mine.complete(null);
        }
    }

    /** The L1 answer if there is one and Redis still holds the versions it was built from; drops it if not. */
    private Answer validL1(String l1Key, long shopId, String question) {
        CachedAnswer local = l1.getIfPresent(l1Key);
        if (local == null) {
            return null;
        }
        if (local.validAgainst(versions.current(local.versionKeys()))) {
            countHit(shopId, question);
            return answerOf(local);
        }
        l1.asMap().remove(l1Key, local); // not a fresher one another thread put meanwhile
        return null;
    }

    private Served lookFurther(Answerable question, Function<Answerable, Answer> source, String l1Key) {
        long shopId = question.shopId();
        String l2Key = keys.cachedAnswer(shopId, question.key());
        Response found = LOOKUP.run(redis, List.of(l2Key), List.of());
        long readStart = Long.parseLong(found.get(0).toString());
        if (found.size() > 1) {
            CachedAnswer shared = cachedOf(found);
            if (shared.validAgainst(lines(found.get(5).toString()))) {
                l1.put(l1Key, shared);
                countHit(shopId, question.key());
                return new Served(answerOf(shared), Tier.L2);
            }
        }
        Answer answer = source.apply(question);
        return new Served(answer, keep(question, l1Key, l2Key, answer, readStart) ? Tier.MISS : Tier.BYPASS);
    }

    private static void awaitQuietly(CompletableFuture<Void> other) {
        try {
            other.get(LOADING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the other reader is slow or failed: this one reads for itself
        }
    }

    /** Caches a freshly read answer, if the versions it depends on allow it; true if it did. */
    private boolean keep(Answerable question, String l1Key, String l2Key, Answer answer, long readStart) {
        String body = answer.body();
        if (body.length() > config.maxAnswerBytes()) {
            return false;
        }
        List<String> versionKeys = versionKeys(question.shopId(), answer.dependsOn());
        EntityVersions.Observed observed = versions.observe(versionKeys);
        if (!observed.allFinishedBefore(readStart)) {
            return false; // a commit it depends on finished (or may finish) after the read began
        }
        CachedAnswer cached = new CachedAnswer(answer.status(), body, versionKeys, observed.values());
        STORE.run(redis, List.of(l2Key, keys.answerHits(question.shopId()), keys.answerIndex(question.shopId())),
                List.of(
                Integer.toString(answer.status()), body, String.join("\n", versionKeys),
                String.join("\n", observed.values()), Long.toString(config.l2Ttl().toMillis()), question.key()));
        l1.put(l1Key, cached);
        return true;
    }

    /**
     * Loads the shop's most asked answers from L2 into L1, unvalidated: each is validated when it is hit, like any
     * other. Returns how many were loaded.
     */
    public int warm(long shopId) {
        if (!config.enabled()) {
            return 0;
        }
        Response hottest = redis.execute("ZREVRANGE", keys.answerHits(shopId), "0",
                Integer.toString(config.hotAnswers() - 1));
        int loaded = 0;
        for (Response member : hottest) {
            String question = member.toString();
            Response found = LOOKUP.run(redis, List.of(keys.cachedAnswer(shopId, question)), List.of());
            if (found.size() > 1) {
                l1.put(shopId + ":" + question, cachedOf(found));
                loaded++;
            }
        }
        // counts of answers nobody asks for any more would only grow: keep ten times what is warmed
        redis.execute("ZREMRANGEBYRANK", keys.answerHits(shopId), "0",
                Integer.toString(-10 * config.hotAnswers() - 1));
        return loaded;
    }

    /**
     * After an erasure committed (a customer's redaction, a shop's erasure): deletes every answer built from what
     * was erased, from Redis and from this container's L1. Other containers' L1 copies can no longer be served (their
     * versions changed) and leave with {@code l1-ttl}.
     */
    void erased(@Observes Changes.Erased erased) {
        long shopId = erased.shopId();
        boolean everything = erased.entities().contains(Entity.shop());
        Set<String> erasedKeys = new HashSet<>();
        erased.entities().forEach(entity -> erasedKeys.add(versions.key(shopId, entity)));
        String prefix = shopId + ":";
        l1.asMap().entrySet().removeIf(entry -> entry.getKey().startsWith(prefix)
                && (everything || entry.getValue().versionKeys().stream().anyMatch(erasedKeys::contains)));
        List<String> arguments = new ArrayList<>(List.of("0", "500"));
        if (!everything) {
            arguments.addAll(erasedKeys);
        }
        int deleted = 0;
        do {
            Response step = ERASE.run(redis, List.of(keys.answerIndex(shopId)), arguments);
            arguments.set(0, step.get(0).toString());
            deleted += step.get(1).toInteger();
        } while (!"0".equals(arguments.get(0)));
        if (everything) {
            redis.execute("DEL", keys.answerIndex(shopId), keys.answerHits(shopId));
        }
        LOG.debugf("shop %d: %d cached answers of erased data deleted", shopId, deleted);
    }

    /** Answers in L1 now (for tests and the benchmark). */
    public long l1Size() {
        l1.cleanUp();
        return l1.estimatedSize();
    }

    /** The keys ({@code shopId:question}) of the answers in L1 now (for tests). */
    public Set<String> l1Keys() {
        return Set.copyOf(l1.asMap().keySet());
    }

    /** Empties L1 (a new container, in tests and the benchmark). */
    public void clearL1() {
        l1.invalidateAll();
    }

    private void countHit(long shopId, String question) {
        int sample = config.hitSample();
        if (sample > 1 && ThreadLocalRandom.current().nextInt(sample) != 0) {
            return;
        }
        // not waited for: counting must not slow the answer, and a lost count only makes warming a little worse
        reactiveRedis.execute("ZINCRBY", keys.answerHits(shopId), Integer.toString(sample), question)
                .subscribe().with(ignored -> {
                }, failure -> LOG.debugf("hit count not kept: %s", failure.getClass().getSimpleName()));
    }

    private List<String> versionKeys(long shopId, Set<Entity> dependsOn) {
        TreeSet<Entity> sorted = new TreeSet<>(Comparator.comparing(Entity::kind).thenComparingLong(Entity::id));
        sorted.addAll(dependsOn);
        List<String> list = new ArrayList<>(sorted.size() + 1);
        list.add(versions.key(shopId, Entity.shop()));
        for (Entity entity : sorted) {
            if (entity.kind() != Entity.Kind.SHOP) {
                list.add(versions.key(shopId, entity));
            }
        }
        return list;
    }

    private static CachedAnswer cachedOf(Response found) {
        return new CachedAnswer(Integer.parseInt(found.get(1).toString()), found.get(2).toString(),
                lines(found.get(3).toString()), lines(found.get(4).toString()));
    }

    private static Answer answerOf(CachedAnswer cached) {
        return new Answer(cached.status(), cached.body(), Set.of());
    }

    private static List<String> lines(String joined) {
        return Arrays.asList(joined.split("\n", -1));
    }
}
