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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One shop inside the simulator: the truth a sync is checked against (products, customers, locations, collections,
 * inventory, orders), the
 * merchant's edits and deletions, the shop's cost bucket, its counters and its queued faults.
 *
 * <p>Reads never block: every change publishes a new immutable {@link CatalogState}. Changes are serialised, and
 * their random choices come from seeded sequences, one per resource, so the same calls on the same spec give the same
 * truth.
 */
public final class SimulatedShop {

    private static final long EDIT_SEED_SALT = 0x5EED_ED17L;
    private static final long CUSTOMER_EDIT_SEED_SALT = 0xC057_ED17L;
    private static final long LOCATION_EDIT_SEED_SALT = 0x10CA_ED17L;
    private static final long COLLECTION_EDIT_SEED_SALT = 0xC011_ED17L;
    private static final long INVENTORY_EDIT_SEED_SALT = 0x1A7E_ED17L;
    private static final long ORDER_EDIT_SEED_SALT = 0x0DE2_ED17L;
    /** Event ids live above 2^53 too, in a range of their own. */
    private static final long FIRST_EVENT_ID = 9_800_000_000_000_000L;

    private final String domain;
    /** The token Shopify accepts; null while the app is uninstalled (every token is refused with 401). */
    private volatile String accessToken;
    private final Clock clock;
    private final Duration indexLag;
    private final LeakyBucket bucket;
    private final SimCounters counters = new SimCounters();
    private final FaultPlan faults = new FaultPlan();
    private final SimulatedBulkOperations bulkOperations;

    private final Object writeLock = new Object();
    private final CatalogEdits edits;
    private final CustomerEdits customerEdits;
    private final LocationEdits locationEdits;
    private final CollectionEdits collectionEdits;
    private final InventoryEdits inventoryEdits;
    /** The event log: destroy events of products, collections and orders, in the order they happened here. */
    private volatile List<EventTruth> events = List.of();
    private long lastEventId = FIRST_EVENT_ID;
    private final OrderEdits orderEdits;
    /** Makes the items of variants added by edits; shares the inventory edits' sequence. */
    private final InventoryGenerator inventoryGenerator;
    private final boolean hasInventory;
    private final Map<Long, Instant> deletions = new TreeMap<>();
    private final Map<Long, Instant> customerDeletions = new TreeMap<>();
    private final Map<Long, Instant> locationDeletions = new TreeMap<>();
    private final Map<Long, Instant> collectionDeletions = new TreeMap<>();
    private final Map<Long, Instant> orderDeletions = new TreeMap<>();
    private long nextVariantId;
    private long nextAddressId;
    private volatile CatalogState state;
    private volatile ShopPlan plan;

    /** A shop outside a running simulator: its bulk result URLs point nowhere. */
    SimulatedShop(String domain, String accessToken, ShopPlan plan, CatalogSpec spec, Clock clock,
            Duration indexLag) {
        this(domain, accessToken, plan, spec, clock, indexLag, new BulkResultFiles("http://127.0.0.1:0"));
    }

    SimulatedShop(String domain, String accessToken, ShopPlan plan, CatalogSpec spec, Clock clock,
            Duration indexLag, BulkResultFiles bulkResults) {
        this.bulkOperations = new SimulatedBulkOperations(clock, counters, bulkResults);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = clock;
        this.indexLag = indexLag;
        this.bucket = new LeakyBucket(plan, clock.instant());
        CatalogGenerator.GeneratedCatalog catalog = CatalogGenerator.generate(spec);
        TreeMap<Long, ProductTruth> products = new TreeMap<>();
        catalog.products().forEach(p -> products.put(p.id(), p));
        CustomerGenerator.GeneratedCustomers generated = CustomerGenerator.generate(spec);
        TreeMap<Long, CustomerTruth> customers = new TreeMap<>();
        generated.customers().forEach(c -> customers.put(c.id(), c));
        TreeMap<Long, LocationTruth> locations = new TreeMap<>();
        LocationGenerator.generate(spec).forEach(l -> locations.put(l.id(), l));
        TreeMap<Long, CollectionTruth> collections = new TreeMap<>();
        CollectionGenerator.generate(spec, List.copyOf(products.keySet())).forEach(c -> collections.put(c.id(), c));
        TreeMap<Long, InventoryItemTruth> items = new TreeMap<>();
        InventoryGenerator.generate(spec, products.values(), locations.values()).forEach(i -> items.put(i.id(), i));
        OrderGenerator.GeneratedOrders generatedOrders = OrderGenerator.generate(spec, List.copyOf(products.values()),
                generated.customers(), List.copyOf(locations.values()));
        TreeMap<Long, OrderTruth> orders = new TreeMap<>();
        generatedOrders.orders().forEach(o -> orders.put(o.id(), o));
        this.hasInventory = spec.locations() > 0;
        this.state = new CatalogState(products, customers, locations, collections, items, orders);
        this.nextVariantId = catalog.nextVariantId();
        this.nextAddressId = generated.nextAddressId();
        // One random sequence per resource: customer edits do not shift which products the next product edit picks.
        this.edits = new CatalogEdits(new SplittableRandom(spec.seed() ^ EDIT_SEED_SALT));
        this.customerEdits = new CustomerEdits(new SplittableRandom(spec.seed() ^ CUSTOMER_EDIT_SEED_SALT));
        this.locationEdits = new LocationEdits(new SplittableRandom(spec.seed() ^ LOCATION_EDIT_SEED_SALT));
        this.collectionEdits = new CollectionEdits(new SplittableRandom(spec.seed() ^ COLLECTION_EDIT_SEED_SALT));
        SplittableRandom inventoryRandom = new SplittableRandom(spec.seed() ^ INVENTORY_EDIT_SEED_SALT);
        this.inventoryEdits = new InventoryEdits(inventoryRandom);
        this.inventoryGenerator = new InventoryGenerator(inventoryRandom);
        this.orderEdits = new OrderEdits(new SplittableRandom(spec.seed() ^ ORDER_EDIT_SEED_SALT),
                generatedOrders.ids());
    }

    public String domain() {
        return domain;
    }

    public String accessToken() {
        return accessToken;
    }

    /** The merchant uninstalls the app: Shopify revokes its token, and every request is answered 401. */
    public void uninstallApp() {
        accessToken = null;
    }

    /** The merchant installs the app again: a new token is accepted. */
    public void reinstallApp(String newAccessToken) {
        accessToken = Objects.requireNonNull(newAccessToken, "newAccessToken");
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
            List<Long> chosen = choose(products, count, edits.random());
            TreeMap<Long, InventoryItemTruth> items = new TreeMap<>(state.inventoryItems());
            for (Long id : chosen) {
                ProductTruth before = products.get(id);
                ProductTruth after = edits.edit(before, when, () -> nextVariantId += 1 + edits.random().nextInt(40));
                products.put(id, after);
                followVariants(items, before, after, when);
            }
            state = state.withProducts(products).withInventoryItems(items);
            return chosen;
        }
    }

    /** Deletes {@code count} distinct live products chosen at random (reproducibly). @return their ids, ascending */
    public List<Long> deleteProducts(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, ProductTruth> products = new TreeMap<>(state.products());
            List<Long> chosen = choose(products, count, edits.random());
            TreeMap<Long, InventoryItemTruth> items = new TreeMap<>(state.inventoryItems());
            for (Long id : chosen) {
                followVariants(items, products.remove(id), null, when);
                deletions.put(id, when);
            }
            // A deleted product leaves its collections; Shopify does not touch their updated_at for that.
            TreeMap<Long, CollectionTruth> collections = new TreeMap<>(state.collections());
            Set<Long> gone = Set.copyOf(chosen);
            collections.replaceAll((cid, c) -> c.productIds().stream().noneMatch(gone::contains) ? c
                    : new CollectionTruth(c.id(), c.gid(), c.title(), c.handle(), c.sortOrder(), c.smart(),
                            c.updatedAt(), c.productIds().stream().filter(p -> !gone.contains(p)).toList()));
            state = state.withProducts(products).withInventoryItems(items).withCollections(collections);
            logDestroyed("PRODUCT", "Product", chosen, when);
            return chosen;
        }
    }

    /** Live customers, sorted by id; deleted customers are gone. */
    public List<CustomerTruth> customers() {
        return List.copyOf(state.customers().values());
    }

    /** The live customer, or null when it does not exist or was deleted. */
    public CustomerTruth customer(long id) {
        return state.customers().get(id);
    }

    /** Customers deleted so far and when, by id. */
    public Map<Long, Instant> customerDeletions() {
        synchronized (writeLock) {
            return Map.copyOf(customerDeletions);
        }
    }

    /**
     * Edits {@code count} distinct live customers chosen at random (reproducibly): an order placed, new tags, a state
     * change, sometimes an address added or removed. They all get {@code updatedAt = at} (whole seconds).
     *
     * @return the edited ids, ascending
     */
    public List<Long> editCustomers(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, CustomerTruth> customers = new TreeMap<>(state.customers());
            List<Long> chosen = choose(customers, count, customerEdits.random());
            for (Long id : chosen) {
                customers.put(id, customerEdits.edit(customers.get(id), when, () -> nextAddressId += 1
                        + customerEdits.random().nextInt(40)));
            }
            state = state.withCustomers(customers);
            return chosen;
        }
    }

    /** Deletes {@code count} distinct live customers chosen at random (reproducibly). @return their ids, ascending */
    public List<Long> deleteCustomers(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, CustomerTruth> customers = new TreeMap<>(state.customers());
            List<Long> chosen = removeChosen(customers, count, customerEdits.random(), customerDeletions, when);
            state = state.withCustomers(customers);
            return chosen;
        }
    }

    /** Live locations, sorted by id: deleted ones are gone, inactive ones are included. */
    public List<LocationTruth> locations() {
        return List.copyOf(state.locations().values());
    }

    /** Locations deleted so far and when, by id. */
    public Map<Long, Instant> locationDeletions() {
        synchronized (writeLock) {
            return Map.copyOf(locationDeletions);
        }
    }

    /**
     * Edits {@code count} distinct live locations chosen at random (reproducibly): a new unique name, online
     * fulfilment switched, deactivation or reactivation, or a new street. They all get {@code updatedAt = at}.
     *
     * @return the edited ids, ascending
     */
    public List<Long> editLocations(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, LocationTruth> locations = new TreeMap<>(state.locations());
            Set<String> names = LocationGenerator.namesOf(locations.values());
            List<Long> chosen = choose(locations, count, locationEdits.random());
            for (Long id : chosen) {
                locations.put(id, locationEdits.edit(locations.get(id), when, names));
            }
            state = state.withLocations(locations);
            return chosen;
        }
    }

    /**
     * Deletes {@code count} distinct live locations chosen at random (reproducibly), active or not: Shopify would
     * want them deactivated first, a sync only sees that they are gone. @return their ids, ascending
     */
    public List<Long> deleteLocations(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, LocationTruth> locations = new TreeMap<>(state.locations());
            List<Long> chosen = removeChosen(locations, count, locationEdits.random(), locationDeletions, when);
            // Levels at a deleted location disappear with it; the items themselves did not change.
            TreeMap<Long, InventoryItemTruth> items = new TreeMap<>(state.inventoryItems());
            Set<Long> gone = Set.copyOf(chosen);
            items.replaceAll((iid, i) -> new InventoryItemTruth(i.id(), i.gid(), i.variantId(), i.sku(), i.tracked(),
                    i.createdAt(), i.updatedAt(), i.levels().stream().filter(l -> !gone.contains(l.locationId()))
                            .toList()));
            state = state.withLocations(locations).withInventoryItems(items);
            return chosen;
        }
    }

    /** Live collections, sorted by id; deleted ones are gone, members are live products in collection order. */
    public List<CollectionTruth> collections() {
        return List.copyOf(state.collections().values());
    }

    /** Collections deleted so far and when, by id. */
    public Map<Long, Instant> collectionDeletions() {
        synchronized (writeLock) {
            return Map.copyOf(collectionDeletions);
        }
    }

    /**
     * Edits {@code count} distinct live collections chosen at random (reproducibly): a new title, live products added
     * at the end, or members removed. They all get {@code updatedAt = at} (whole seconds).
     *
     * @return the edited ids, ascending
     */
    public List<Long> editCollections(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, CollectionTruth> collections = new TreeMap<>(state.collections());
            List<Long> productIds = List.copyOf(state.products().keySet());
            List<Long> chosen = choose(collections, count, collectionEdits.random());
            for (Long id : chosen) {
                collections.put(id, collectionEdits.edit(collections.get(id), when, productIds));
            }
            state = state.withCollections(collections);
            return chosen;
        }
    }

    /** Deletes {@code count} distinct live collections chosen at random (reproducibly). @return their ids, ascending */
    public List<Long> deleteCollections(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, CollectionTruth> collections = new TreeMap<>(state.collections());
            List<Long> chosen = removeChosen(collections, count, collectionEdits.random(), collectionDeletions, when);
            state = state.withCollections(collections);
            logDestroyed("COLLECTION", "Collection", chosen, when);
            return chosen;
        }
    }

    /**
     * Inventory items of the live variants, sorted by id, each with a level per live location; empty when the shop
     * was created without locations.
     */
    public List<InventoryItemTruth> inventoryItems() {
        return List.copyOf(state.inventoryItems().values());
    }

    /**
     * Moves stock of {@code count} distinct inventory items chosen at random (reproducibly): some of each item's
     * levels, at least one, change quantities and get {@code updatedAt = at}, and so does the item.
     *
     * @return the adjusted item ids, ascending
     */
    public List<Long> adjustInventory(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, InventoryItemTruth> items = new TreeMap<>(state.inventoryItems());
            List<Long> chosen = choose(items, count, inventoryEdits.random());
            for (Long id : chosen) {
                items.put(id, inventoryEdits.adjust(items.get(id), when));
            }
            state = state.withInventoryItems(items);
            return chosen;
        }
    }

    /** Live orders, sorted by id; deleted orders are gone. */
    public List<OrderTruth> orders() {
        return List.copyOf(state.orders().values());
    }

    /** The live order, or null when it does not exist or was deleted. */
    public OrderTruth order(long id) {
        return state.orders().get(id);
    }

    /** Orders deleted so far and when, by id. */
    public Map<Long, Instant> orderDeletions() {
        synchronized (writeLock) {
            return Map.copyOf(orderDeletions);
        }
    }

    /**
     * Edits {@code count} distinct live orders chosen at random (reproducibly): a fulfillment of what is left to
     * ship, a refund with its transaction, closing, or a tag (only {@code updatedAt} shows it). The statuses follow;
     * they all get {@code updatedAt = at} (whole seconds).
     *
     * @return the edited ids, ascending
     */
    public List<Long> editOrders(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, OrderTruth> orders = new TreeMap<>(state.orders());
            List<Long> locations = OrderGenerator.activeLocations(state.locations().values());
            List<Long> chosen = choose(orders, count, orderEdits.random());
            for (Long id : chosen) {
                orders.put(id, orderEdits.edit(orders.get(id), when, locations));
            }
            state = state.withOrders(orders);
            return chosen;
        }
    }

    /**
     * Refunds everything still refundable of one live order in a single refund (a refund with hundreds of lines
     * on a big order), with its transaction; {@code updatedAt = at}.
     *
     * @throws IllegalArgumentException when the order does not exist
     */
    public void refundEverything(long orderId, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, OrderTruth> orders = new TreeMap<>(state.orders());
            OrderTruth order = orders.get(orderId);
            if (order == null) {
                throw new IllegalArgumentException("no live order " + orderId);
            }
            orders.put(orderId, orderEdits.refundEverything(order, when));
            state = state.withOrders(orders);
        }
    }

    /** Deletes {@code count} distinct live orders chosen at random (reproducibly). @return their ids, ascending */
    public List<Long> deleteOrders(int count, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        synchronized (writeLock) {
            TreeMap<Long, OrderTruth> orders = new TreeMap<>(state.orders());
            List<Long> chosen = removeChosen(orders, count, orderEdits.random(), orderDeletions, when);
            state = state.withOrders(orders);
            logDestroyed("ORDER", "Order", chosen, when);
            return chosen;
        }
    }

    /** The event log so far (destroy events of products, collections and orders), oldest first. */
    public List<EventTruth> events() {
        return events;
    }

    /** Appends one destroy event per deleted row; caller holds the write lock. */
    private void logDestroyed(String subjectType, String gidType, List<Long> ids, Instant when) {
        List<EventTruth> log = new ArrayList<>(events);
        for (Long id : ids) {
            lastEventId += 1;
            log.add(new EventTruth(lastEventId, "destroy", subjectType, id, "gid://shopify/" + gidType + "/" + id,
                    when));
        }
        events = List.copyOf(log);
    }

    public SimCounters counters() {
        return counters;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** Bulk query operations: what they are, and controls over their timing, failures and URLs. */
    public SimulatedBulkOperations bulkOperations() {
        return bulkOperations;
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

    /**
     * Keeps inventory items in step with a product's variants: items of removed variants go, new variants get one
     * with a level at every live location, and a changed sku (it lives on the item) updates the item.
     *
     * @param after null when the product was deleted
     */
    private void followVariants(TreeMap<Long, InventoryItemTruth> items, ProductTruth before, ProductTruth after,
            Instant when) {
        if (!hasInventory) {
            return;
        }
        Set<Long> kept = new java.util.HashSet<>();
        if (after != null) {
            for (VariantTruth v : after.variants()) {
                long itemId = InventoryGenerator.itemIdOf(v.id());
                kept.add(itemId);
                InventoryItemTruth item = items.get(itemId);
                if (item == null) {
                    items.put(itemId, inventoryGenerator.item(v, state.locations().values(), when));
                } else if (!Objects.equals(item.sku(), v.sku())) {
                    items.put(itemId, new InventoryItemTruth(item.id(), item.gid(), item.variantId(), v.sku(),
                            item.tracked(), item.createdAt(), when, item.levels()));
                }
            }
        }
        for (VariantTruth v : before.variants()) {
            long itemId = InventoryGenerator.itemIdOf(v.id());
            if (!kept.contains(itemId)) {
                items.remove(itemId);
            }
        }
    }

    /** Removes {@code count} rows chosen at random (reproducibly) and records when; caller holds the write lock. */
    private static List<Long> removeChosen(TreeMap<Long, ?> rows, int count, SplittableRandom random,
            Map<Long, Instant> deletions, Instant when) {
        List<Long> chosen = choose(rows, count, random);
        for (Long id : chosen) {
            rows.remove(id);
            deletions.put(id, when);
        }
        return chosen;
    }

    /** A partial Fisher-Yates shuffle over the ids: distinct, uniform, and the same for the same sequence. */
    private static List<Long> choose(TreeMap<Long, ?> rows, int count, SplittableRandom random) {
        List<Long> ids = new ArrayList<>(rows.keySet());
        int n = Math.min(Math.max(count, 0), ids.size());
        for (int i = 0; i < n; i++) {
            Collections.swap(ids, i, i + random.nextInt(ids.size() - i));
        }
        List<Long> chosen = new ArrayList<>(ids.subList(0, n));
        Collections.sort(chosen);
        return chosen;
    }
}
