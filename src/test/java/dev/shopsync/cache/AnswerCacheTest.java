package dev.shopsync.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.change.EntityVersions;
import dev.shopsync.state.RedisKeys;

/**
 * The two levels and their validation, with a source that counts its reads: a hit never outlives a commit to what
 * the answer depends on, and an answer read while such a commit was under way is served but never kept.
 */
@QuarkusTest
class AnswerCacheTest {

    private static final long SHOP = 990_002L;
    private static final Entity PRODUCT = Entity.of(Entity.Kind.PRODUCT, 5);

    @Inject
    AnswerCache cache;
    @Inject
    Changes changes;
    @Inject
    EntityVersions versions;
    @Inject
    RedisKeys keys;
    @Inject
    RedisDataSource redis;

    private final AtomicInteger reads = new AtomicInteger();
    private volatile String truth = "{\"title\":\"one\"}";

    @BeforeEach
    void freshContainerAndRedis() {
        cache.clearL1();
        redis.key().del(keys.cachedAnswer(SHOP, "product:5"), keys.answerHits(SHOP), versions.key(SHOP, PRODUCT),
                versions.key(SHOP, Entity.shop()));
        reads.set(0);
    }

    @Test
    void servedFromL1ThenL2UntilACommitChangesWhatItDependsOn() {
        assertServed(Tier.MISS, "{\"title\":\"one\"}", source());
        assertServed(Tier.L1, "{\"title\":\"one\"}", source());
        cache.clearL1(); // another container
        assertServed(Tier.L2, "{\"title\":\"one\"}", source());
        assertEquals(1, reads.get());

        commit(() -> {
            truth = "{\"title\":\"two\"}";
            changes.record(SHOP, PRODUCT);
        });
        assertServed(Tier.MISS, "{\"title\":\"two\"}", source());
        assertServed(Tier.L1, "{\"title\":\"two\"}", source());
        assertEquals(2, reads.get());

        commit(() -> changes.record(SHOP, Entity.shop()));
        assertServed(Tier.MISS, "{\"title\":\"two\"}", source());
    }

    @Test
    void anAnswerReadWhileACommitIsUnderWayIsServedButNotKept() {
        String pending = versions.begin(SHOP, Set.of(PRODUCT));
        assertServed(Tier.BYPASS, "{\"title\":\"one\"}", source());
        versions.end(SHOP, Set.of(PRODUCT), pending);
        nextMillisecond();
        assertServed(Tier.MISS, "{\"title\":\"one\"}", source());
        assertEquals(2, reads.get());
    }

    @Test
    void anAnswerReadBeforeACommitThatFinishedDuringTheReadIsNotKept() {
        Function<Answerable, Answer> slowRead = question -> {
            Answer before = source().apply(question); // read the old state ...
            commit(() -> {                            // ... then a commit finishes before the answer is kept
                truth = "{\"title\":\"new\"}";
                changes.record(SHOP, PRODUCT);
            });
            return before;
        };
        assertServed(Tier.BYPASS, "{\"title\":\"one\"}", slowRead);
        assertServed(Tier.MISS, "{\"title\":\"new\"}", source());
    }

    @Test
    void warmingLoadsTheHottestAnswersIntoANewContainer() {
        assertServed(Tier.MISS, "{\"title\":\"one\"}", source());
        cache.clearL1();
        assertEquals(1, cache.warm(SHOP));
        assertEquals(1, cache.l1Size());
        assertServed(Tier.L1, "{\"title\":\"one\"}", source());
        commit(() -> changes.record(SHOP, PRODUCT));
        cache.clearL1();
        cache.warm(SHOP);
        assertServed(Tier.MISS, "{\"title\":\"one\"}", source()); // a warmed answer is validated like any other
    }

    private void assertServed(Tier tier, String body, Function<Answerable, Answer> source) {
        AnswerCache.Served served = cache.get(question(), source);
        assertEquals(tier, served.tier());
        assertEquals(body, served.answer().body());
        assertEquals(200, served.answer().status());
    }

    private Function<Answerable, Answer> source() {
        return question -> {
            reads.incrementAndGet();
            return Answer.found(truth, Set.of(PRODUCT));
        };
    }

    private static Answerable question() {
        return new Answerable() {
            @Override
            public long shopId() {
                return SHOP;
            }

            @Override
            public String key() {
                return "product:5";
            }

            @Override
            public Answer build(Connection connection) {
                throw new UnsupportedOperationException("the test's source answers");
            }
        };
    }

    /**
     * Commits, then lets Redis' millisecond clock move on: an answer whose read began in the same millisecond as a
     * commit it depends on finished cannot be told apart from one read before it, so it is served but not kept.
     */
    private static void commit(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
        nextMillisecond();
    }

    private static void nextMillisecond() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
