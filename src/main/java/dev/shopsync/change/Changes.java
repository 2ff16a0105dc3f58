package dev.shopsync.change;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import dev.shopsync.persistence.RedactedSqlError;

/**
 * The one place every write path says what it changed: inside its transaction a writer records the entities its
 * statements changed; the transaction then announces them. Just before the commit their versions are marked
 * pending (if Redis cannot be told, the transaction rolls back: a commit nobody can see would leave cached answers
 * stale), and just after it they get new versions — whether it committed or rolled back, since a new version
 * costs one rebuilt answer and a wrong guess could cost a stale one.
 *
 * <p>Erasures (a customer's redaction, a shop's erasure) are recorded with {@link #recordErased}: after they commit,
 * {@link Erased} is fired, so that answers built from what was erased are deleted from the caches rather than left
 * there, unservable, until they expire.
 */
@ApplicationScoped
public class Changes {

    private static final Logger LOG = Logger.getLogger(Changes.class);
    private static final Object KEY = new Object();
    private static final Entity SHOP = Entity.shop();

    private final TransactionSynchronizationRegistry transactions;
    private final EntityVersions versions;
    private final Event<Erased> erasures;

    public Changes(TransactionSynchronizationRegistry transactions, EntityVersions versions, Event<Erased> erasures) {
        this.transactions = transactions;
        this.versions = versions;
        this.erasures = erasures;
    }

    /** Entities of a shop whose data a committed transaction erased; {@link Entity#shop()} stands for all of it. */
    public record Erased(long shopId, Set<Entity> entities) {
        public Erased {
            entities = Set.copyOf(entities);
        }
    }

    /** Records that the current transaction erases the data of {@code entity}: it changes it, and more. */
    public void recordErased(long shopId, Entity entity) {
        record(shopId, entity);
        announcement().erased.computeIfAbsent(shopId, id -> new LinkedHashSet<>()).add(entity);
    }

    /**
     * Records that the current transaction changes {@code entity} of the shop. The shop-wide entity stands for all
     * others: once it is recorded, the others are dropped and no longer recorded.
     */
    public void record(long shopId, Entity entity) {
        Set<Entity> set = of(shopId);
        if (set.contains(SHOP)) {
            return;
        }
        if (entity.equals(SHOP)) {
            set.clear();
        }
        set.add(entity);
    }

    /** Records that the current transaction changes the entities of {@code kind} with these ids. */
    public void record(long shopId, Entity.Kind kind, Collection<Long> ids) {
        for (Long id : ids) {
            record(shopId, Entity.of(kind, id));
        }
    }

    private Set<Entity> of(long shopId) {
        return announcement().byShop.computeIfAbsent(shopId, id -> new LinkedHashSet<>());
    }

    private Announcement announcement() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("changes are recorded inside the transaction that makes them");
        }
        Announcement announcement = (Announcement) transactions.getResource(KEY);
        if (announcement == null) {
            announcement = new Announcement();
            transactions.putResource(KEY, announcement);
            transactions.registerInterposedSynchronization(announcement);
        }
        return announcement;
    }

    /** Announces one transaction's changes around its commit. */
    private final class Announcement implements Synchronization {

        private final Map<Long, Set<Entity>> byShop = new LinkedHashMap<>();
        private final Map<Long, Set<Entity>> erased = new LinkedHashMap<>();
        private final Map<Long, String> pending = new LinkedHashMap<>();

        @Override
        public void beforeCompletion() {
            // an exception here rolls the transaction back, which is what we want when Redis cannot be told
            byShop.forEach((shopId, entities) -> {
                if (!entities.isEmpty()) {
                    pending.put(shopId, versions.begin(shopId, entities));
                }
            });
        }

        @Override
        public void afterCompletion(int status) {
            byShop.forEach((shopId, entities) -> {
                String mark = pending.get(shopId);
                if (mark == null) {
                    return; // never marked: the transaction rolled back before its commit was attempted
                }
                try {
                    versions.end(shopId, entities, mark);
                } catch (RuntimeException e) {
                    // the pending mark stays; it counts as finished after shopsync.changes.pending-at-most
                    LOG.warnf("shop %d: %d changed entities keep their pending mark (%s)", shopId, entities.size(),
                            e.getClass().getSimpleName());
                }
            });
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            erased.forEach((shopId, entities) -> {
                try {
                    erasures.fire(new Erased(shopId, entities));
                } catch (RuntimeException e) {
                    // the answers are unservable already (new versions); they are deleted when they expire
                    LOG.warnf("shop %d: cached answers of erased data left to expire (%s)", shopId,
                            RedactedSqlError.describe(e));
                }
            });
        }
    }
}
