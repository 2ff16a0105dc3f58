package dev.shopsync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One shop inside the simulator: the catalog truth a sync is checked against, the merchant's edits and deletions,
 * the shop's cost bucket, its counters and its queued faults.
 *
 * <p>Reads never block: every change publishes a new immutable {@link CatalogState}. Changes are serialised, and
 * their random choices come from one seeded sequence, so the same calls on the same spec give the same truth.
 */
public final class SimulatedShop {

    private static final long EDIT_SEED_SALT = 0x5EED_ED17L;

    private final String domain;
    private final String accessToken;
    private final Clock clock;
    private final Duration indexLag;
    private final LeakyBucket bucket;
    private final SimCounters counters = new SimCounters();
    private final FaultPlan faults = new FaultPlan();

    private final Object writeLock = new Object();
    private final CatalogEdits edits;
    private final Map<Long, Instant> deletions = new TreeMap<>();
    private long nextVariantId;
    private volatile CatalogState state;
    private volatile ShopPlan plan;

    SimulatedShop(String domain, String accessToken, ShopPlan plan, CatalogSpec spec, Clock clock,
            Duration indexLag) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = clock;
        this.indexLag = indexLag;
        this.bucket = new LeakyBucket(plan, clock.instant());
        CatalogGenerator.GeneratedCatalog catalog = CatalogGenerator.generate(spec);
        TreeMap<Long, ProductTruth> products = new TreeMap<>();
        catalog.products().forEach(p -> products.put(p.id(), p));
        this.state = new CatalogState(products);
        this.nextVariantId = catalog.nextVariantId();
        this.edits = new CatalogEdits(new SplittableRandom(spec.seed() ^ EDIT_SEED_SALT));
    }

    public String domain() {
        return domain;
    }

    public String accessToken() {
        return accessToken;
    }

    public ShopPlan plan() {
        return plan;
    }

    /** Live truth, sorted by id; deleted products are gone. */
    public List<ProductTruth> products() {
        return List.copyOf(state.products().values());
    }

    /** The live product, or null when it does not exist or was deleted. */
    public ProductTruth product(long id) {
        return state.products().get(id);
    }

    /** Products deleted so far and when, by id. */
    public Map<Long, Instant> deletions() {
        synchronized (writeLock) {
            return Map.copyOf(deletions);
        }
    }

    /**
     * Edits {@code count} distinct live products chosen at random (reproducibly): new title, new price/SKU on some
     * variants, sometimes a variant added or removed. They all get {@code updatedAt = at} (whole seconds).
     *
     * @return the edited ids, ascending
     */
    public List<Long> editProducts(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, ProductTruth> products = new TreeMap<>(state.products());
            List<Long> chosen = choose(products, count);
            for (Long id : chosen) {
                products.put(id, edits.edit(products.get(id), when, () -> nextVariantId += 1
                        + edits.random().nextInt(40)));
            }
            state = new CatalogState(products);
            return chosen;
        }
    }

    /** Deletes {@code count} distinct live products chosen at random (reproducibly). @return their ids, ascending */
    public List<Long> deleteProducts(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, ProductTruth> products = new TreeMap<>(state.products());
            List<Long> chosen = choose(products, count);
            for (Long id : chosen) {
                products.remove(id);
                deletions.put(id, when);
            }
            state = new CatalogState(products);
            return chosen;
        }
    }

    public SimCounters counters() {
        return counters;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** The bucket as of the clock's now, restored for the time since the last request. */
    public ThrottleSnapshot throttleStatus() {
        return bucket.status(clock.instant());
    }

    /** Switches plan and refills the bucket to the new maximum. */
    public void setPlan(ShopPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        bucket.reset(plan, clock.instant());
    }

    CatalogState state() {
        return state;
    }

    LeakyBucket bucket() {
        return bucket;
    }

    Clock clock() {
        return clock;
    }

    Duration indexLag() {
        return indexLag;
    }

    /** A partial Fisher-Yates shuffle over the ids: distinct, uniform, and the same for the same sequence. */
    private List<Long> choose(TreeMap<Long, ProductTruth> products, int count) {
        List<Long> ids = new ArrayList<>(products.keySet());
        int n = Math.min(Math.max(count, 0), ids.size());
        SplittableRandom random = edits.random();
        for (int i = 0; i < n; i++) {
            Collections.swap(ids, i, i + random.nextInt(ids.size() - i));
        }
        List<Long> chosen = new ArrayList<>(ids.subList(0, n));
        Collections.sort(chosen);
        return chosen;
    }
}
