package dev.shopsync.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Versions around a commit: pending just before it, finished just after, on commit and on rollback alike. */
@QuarkusTest
class ChangesTest {

    private static final long SHOP = 990_001L;
    private static final Entity PRODUCT = Entity.of(Entity.Kind.PRODUCT, 42);
    private static final Entity ORDER = Entity.of(Entity.Kind.ORDER, 7);

    @Inject
    Changes changes;
    @Inject
    EntityVersions versions;
    @Inject
    RedisDataSource redis;

    @BeforeEach
    void forget() {
        redis.key().del(versions.key(SHOP, PRODUCT), versions.key(SHOP, ORDER), versions.key(SHOP, Entity.shop()));
    }

    @Test
    void aCommitMarksItsEntitiesPendingThenGivesThemAVersionStampedAfterIt() {
        String product = versions.key(SHOP, PRODUCT);
        EntityVersions.Observed initial = versions.observe(List.of(product));
        long before = initial.redisMillis();
        String[] seenInside = new String[1];
        QuarkusTransaction.requiringNew().run(() -> {
            changes.record(SHOP, PRODUCT);
            assertEquals(initial.values().get(0), value(product), "nothing is announced before the commit begins");
            // a synchronization registered later runs its beforeCompletion after ours: it sees the pending mark
            io.quarkus.arc.Arc.container().instance(jakarta.transaction.TransactionSynchronizationRegistry.class).get()
                    .registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                        @Override
                        public void beforeCompletion() {
                            seenInside[0] = value(product);
                        }

                        @Override
                        public void afterCompletion(int status) {
                        }
                    });
        });
        assertTrue(seenInside[0].startsWith("P"), "pending while committing: " + seenInside[0]);
        EntityVersions.Observed during = new EntityVersions.Observed(List.of(seenInside[0]), 0);
        assertFalse(during.allFinishedBefore(before + 60_000), "a pending mark is not finished before its deadline");

        String after = value(product);
        assertTrue(after.startsWith("C"), after);
        EntityVersions.Observed observed = versions.observe(List.of(product));
        assertEquals(List.of(after), observed.values());
        assertFalse(observed.allFinishedBefore(before), "finished after a moment taken before the commit");
        assertTrue(observed.allFinishedBefore(observed.redisMillis() + 1));
    }

    @Test
    void aRollbackStillGivesANewVersion() {
        String order = versions.key(SHOP, ORDER);
        String first = versions.observe(List.of(order)).values().get(0);
        assertTrue(first.startsWith("C0:"), "an entity never changed: " + first);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            changes.record(SHOP, ORDER);
            throw new IllegalStateException("the write failed");
        }));
        // the rollback happened before the commit was attempted: nothing was marked, nothing needs a new version
        assertEquals(first, value(order));

        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            changes.record(SHOP, ORDER);
            QuarkusTransaction.setRollbackOnly();
        }));
        assertEquals(first, value(order), "marked rollback-only: never reached the commit");
    }

    @Test
    void theShopWideEntityStandsForEveryOther() {
        QuarkusTransaction.requiringNew().run(() -> {
            changes.record(SHOP, PRODUCT);
            changes.record(SHOP, Entity.shop());
            changes.record(SHOP, ORDER);
        });
        assertNull(value(versions.key(SHOP, PRODUCT)));
        assertNull(value(versions.key(SHOP, ORDER)));
        assertTrue(value(versions.key(SHOP, Entity.shop())).startsWith("C"));
    }

    @Test
    void aFinishingCommitLeavesAnotherCommitsPendingMark() {
        String product = versions.key(SHOP, PRODUCT);
        String first = versions.begin(SHOP, Set.of(PRODUCT));
        String second = versions.begin(SHOP, Set.of(PRODUCT));
        versions.end(SHOP, Set.of(PRODUCT), first);
        assertEquals(second, value(product), "the second commit has not finished: its mark stays");
        versions.end(SHOP, Set.of(PRODUCT), second);
        assertTrue(value(product).startsWith("C"));
        String finished = value(product);
        String third = versions.begin(SHOP, Set.of(PRODUCT));
        versions.end(SHOP, Set.of(PRODUCT), third);
        assertNotEquals(finished, value(product), "every finished commit gives a new version");
    }

    @Test
    void changesAreRecordedOnlyInsideATransaction() {
        assertThrows(IllegalStateException.class, () -> changes.record(SHOP, PRODUCT));
    }

    private String value(String key) {
        return redis.value(String.class).get(key);
    }
}
