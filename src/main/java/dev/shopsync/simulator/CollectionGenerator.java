package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a shop's starting collections from a {@link CatalogSpec}, from a random stream of their own: ids above 2^53
 * growing with creation time, unique handles, about one in three smart, members drawn from the products. Collection
 * #0 is the big one (more than 2,500 members when there are that many products), so a sync has to page
 * {@code collection.products} well past ten pages; the others hold 0..200.
 */
final class CollectionGenerator {

    static final long FIRST_COLLECTION_ID = 9_300_000_000_000_000L;
    static final int BIG_COLLECTION_MIN = 2_501;
    static final int MAX_MEMBERS = 200;

    private static final long SEED_SALT = 0xC011_EC7DL;
    private static final int COLLECTION_ID_GAP = 4_000;
    private static final String[] THEMES = {"Summer", "Winter", "Sale", "New Arrivals", "Bestsellers", "Gifts",
        "Outdoor", "Home", "Kitchen", "Eco", "Limited", "Premium", "Clearance", "Handmade", "Kids", "Travel",
        "Workspace", "Weekend", "Holiday", "Essentials"};
    private static final String[] SUFFIXES = {"Collection", "Picks", "Edit", "Favourites", "Shop", "Deals",
        "Selection", "Staples"};
    private static final String[] CUSTOM_ORDERS = {"MANUAL", "MANUAL", "BEST_SELLING", "ALPHA_ASC",
        "CREATED_DESC", "PRICE_ASC"};
    private static final String[] SMART_ORDERS = {"BEST_SELLING", "BEST_SELLING", "CREATED_DESC", "ALPHA_ASC",
        "PRICE_DESC"};

    private final SplittableRandom random;

    CollectionGenerator(SplittableRandom random) {
        this.random = random;
    }

    static List<CollectionTruth> generate(CatalogSpec spec, List<Long> productIds) {
        return new CollectionGenerator(new SplittableRandom(spec.seed() ^ SEED_SALT)).collections(spec, productIds);
    }

    private List<CollectionTruth> collections(CatalogSpec spec, List<Long> productIds) {
        int count = spec.collections();
        Timeline timeline = Timeline.draw(random, spec.baseTime(), count);
        List<CollectionTruth> collections = new ArrayList<>(count);
        Set<String> handles = new HashSet<>();
        long id = FIRST_COLLECTION_ID;
        for (int i = 0; i < count; i++) {
            id += 1 + random.nextInt(COLLECTION_ID_GAP);
            boolean smart = random.nextInt(3) == 0;
            String title = title();
            String[] orders = smart ? SMART_ORDERS : CUSTOM_ORDERS;
            int size = i == 0
                    ? Math.min(productIds.size(), BIG_COLLECTION_MIN + random.nextInt(500))
                    : Math.min(productIds.size(), random.nextInt(MAX_MEMBERS + 1));
            collections.add(new CollectionTruth(id, CollectionTruth.gidOf(id), title, handle(title, handles),
                    orders[random.nextInt(orders.length)], smart, timeline.updatedAt(i),
                    sample(productIds, size, random)));
        }
        return List.copyOf(collections);
    }

    String title() {
        return THEMES[random.nextInt(THEMES.length)] + " " + SUFFIXES[random.nextInt(SUFFIXES.length)];
    }

    /** A handle like {@code summer-picks}, numbered when taken; {@code taken} gets the new handle. */
    static String handle(String title, Set<String> taken) {
        String base = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String handle = base;
        for (int n = 1; taken.contains(handle); n++) {
            handle = base + "-" + n;
        }
        taken.add(handle);
        return handle;
    }

    static Set<String> handlesOf(Collection<CollectionTruth> collections) {
        Set<String> handles = new HashSet<>();
        collections.forEach(c -> handles.add(c.handle()));
        return handles;
    }

    /** {@code size} distinct ids in random order (a partial Fisher-Yates shuffle), reproducible for the sequence. */
    static List<Long> sample(List<Long> ids, int size, SplittableRandom random) {
        List<Long> pool = new ArrayList<>(ids);
        int n = Math.min(size, pool.size());
        for (int i = 0; i < n; i++) {
            java.util.Collections.swap(pool, i, i + random.nextInt(pool.size() - i));
        }
        return List.copyOf(pool.subList(0, n));
    }
}
