package dev.shopsync.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Builds a shop's starting catalog from a {@link CatalogSpec}, deterministically: {@link SplittableRandom}'s
 * sequence is specified, so the same spec gives the same ids, titles, timestamps and variants on every JVM.
 *
 * <p>Shaped after real shops: ids above 2^53 (a client that parses ids through a double corrupts them), ids growing
 * with creation time, most products with 1-10 variants and a tail to 100, optional products with more variants than
 * one page, and about one product in ten sharing its {@code updated_at} second with others (bulk edits), so a sync
 * has to tie-break on the id.
 */
final class CatalogGenerator {

    static final long FIRST_PRODUCT_ID = 9_007_199_254_800_000L;
    static final long FIRST_VARIANT_ID = 9_100_000_000_000_000L;
    static final String DEFAULT_VARIANT_TITLE = "Default Title";
    static final List<String> OPTION_NAMES = List.of("Size", "Color", "Material");

    private static final int PRODUCT_ID_GAP = 4_000;
    private static final int VARIANT_ID_GAP = 40;
    private static final double SHARED_UPDATE_SHARE = 0.10;

    private static final String[] SIZES = {"XS", "S", "M", "L", "XL", "2XL", "3XL", "4XL", "5XL", "6XL"};
    private static final String[] COLORS = {"Black", "White", "Red", "Blue", "Green", "Yellow", "Grey", "Navy",
        "Olive", "Sand", "Teal", "Plum"};
    private static final String[] FABRICS = {"Cotton", "Wool", "Linen", "Hemp", "Silk", "Denim"};
    private static final String[] ADJECTIVES = {"Rustic", "Sleek", "Classic", "Vintage", "Modern", "Cozy",
        "Rugged", "Elegant", "Compact", "Deluxe", "Everyday", "Heritage", "Urban", "Alpine", "Coastal", "Nordic",
        "Minimal", "Bold", "Gentle", "Swift"};
    private static final String[] MATERIALS = {"Wooden", "Steel", "Cotton", "Leather", "Ceramic", "Granite",
        "Bamboo", "Wool", "Copper", "Glass", "Linen", "Marble", "Rubber", "Silk", "Concrete", "Cork"};
    private static final String[] NOUNS = {"Chair", "Lamp", "Jacket", "Mug", "Backpack", "Snowboard", "Wallet",
        "Blanket", "Table", "Sneakers", "Watch", "Bottle", "Scarf", "Helmet", "Kettle", "Shelf", "Hoodie", "Gloves",
        "Tent", "Skateboard", "Notebook", "Candle", "Planter", "Sunglasses"};
    private static final String[] VENDORS = {"Acme Outfitters", "Northwind", "Snowdevil", "Hydrogen Vendor",
        "Blue Harbor", "Fjord & Co", "Maple Works", "Redwood Supply", "Sunrise Goods", "Ironbark", "Lumen Studio",
        "Kestrel Gear"};
    private static final String[] PRODUCT_TYPES = {"Apparel", "Furniture", "Outdoor", "Kitchen", "Accessories",
        "Footwear", "Lighting", "Sports", "Stationery", "Home Decor"};
    private static final String[] TAGS = {"Accessory", "Sport", "Winter", "Summer", "Sale", "New", "Bestseller",
        "Eco", "Gift", "Limited", "Premium", "Clearance", "Handmade", "Imported", "Local", "Bundle", "Kids",
        "Unisex", "Vegan", "Outdoor"};

    /** A generated catalog and where id assignment continues for variants added later. */
    record GeneratedCatalog(List<ProductTruth> products, long nextVariantId) {
    }

    private final SplittableRandom random;

    CatalogGenerator(SplittableRandom random) {
        this.random = random;
    }

    static GeneratedCatalog generate(CatalogSpec spec) {
        return new CatalogGenerator(new SplittableRandom(spec.seed())).catalog(spec);
    }

    private GeneratedCatalog catalog(CatalogSpec spec) {
        Instant from = spec.baseTime().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        Instant to = spec.baseTime().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long span = Duration.between(from, to).toSeconds();
        int count = spec.products();

        // Ids grow with creation time, as on a real shop, so creation offsets are drawn first and sorted.
        long[] created = new long[count];
        for (int i = 0; i < count; i++) {
            created[i] = random.nextLong(span + 1);
        }
        Arrays.sort(created);
        // Bulk edits: a few instants that many products share as their updated_at.
        long[] bulkEdits = new long[Math.max(1, count / 40)];
        for (int i = 0; i < bulkEdits.length; i++) {
            bulkEdits[i] = random.nextLong(span + 1);
        }
        Arrays.sort(bulkEdits);

        List<ProductTruth> products = new ArrayList<>(count);
        Map<String, Integer> handles = new HashMap<>();
        long productId = FIRST_PRODUCT_ID;
        long variantId = FIRST_VARIANT_ID;
        for (int i = 0; i < count; i++) {
            productId += 1 + random.nextInt(PRODUCT_ID_GAP);
            long createdOffset = created[i];
            long updatedOffset = random.nextDouble() < 0.3
                    ? createdOffset
                    : createdOffset + random.nextLong(span - createdOffset + 1);
            if (random.nextDouble() < SHARED_UPDATE_SHARE) {
                int firstPossible = firstAtLeast(bulkEdits, createdOffset);
                if (firstPossible < bulkEdits.length) {
                    updatedOffset = bulkEdits[firstPossible + random.nextInt(bulkEdits.length - firstPossible)];
                }
            }
            boolean large = spec.largeProductEvery() > 0 && (i + 1) % spec.largeProductEvery() == 0;
            int variantCount = large ? 251 + random.nextInt(350) : smallVariantCount();
            Instant createdAt = from.plusSeconds(createdOffset);
            Instant updatedAt = from.plusSeconds(updatedOffset);

            String title = title();
            String handle = uniqueHandle(handles, title);
            boolean withSkus = random.nextDouble() >= 0.08;
            int parts = optionParts(variantCount);
            long basePriceCents = priceCents();
            List<VariantTruth> variants = new ArrayList<>(variantCount);
            for (int k = 0; k < variantCount; k++) {
                variantId += 1 + random.nextInt(VARIANT_ID_GAP);
                // Most variants come with the product; some were added later.
                long variantCreated = k == 0 || random.nextDouble() < 0.8
                        ? createdOffset
                        : createdOffset + random.nextLong(updatedOffset - createdOffset + 1);
                long variantUpdated = variantCreated + random.nextLong(updatedOffset - variantCreated + 1);
                String sku = withSkus ? String.format(Locale.ROOT, "SKU-%05d-%03d", i + 1, k + 1) : null;
                variants.add(variant(variantId, variantTitle(k, parts), sku, basePriceCents, k + 1,
                        from.plusSeconds(variantCreated), from.plusSeconds(variantUpdated)));
            }
            products.add(new ProductTruth(productId, ProductTruth.gidOf(productId), title, handle, status(),
                    pick(VENDORS), pick(PRODUCT_TYPES), tags(), createdAt, updatedAt, variants));
        }
        return new GeneratedCatalog(List.copyOf(products), variantId + 1);
    }

    VariantTruth variant(long id, String title, String sku, long basePriceCents, int position, Instant createdAt,
            Instant updatedAt) {
        long priceCents = Math.max(99, basePriceCents + random.nextInt(-150, 151) * 10L);
        String compareAt = random.nextDouble() < 0.25 ? money(priceCents * 5 / 4) : null;
        return new VariantTruth(id, VariantTruth.gidOf(id), title, sku, money(priceCents), compareAt,
                random.nextInt(-3, 250), position, createdAt, updatedAt);
    }

    String title() {
        return pick(ADJECTIVES) + " " + pick(MATERIALS) + " " + pick(NOUNS);
    }

    long priceCents() {
        return 199 + random.nextInt(49_800);
    }

    /** Most products have 1-10 variants, some up to 30, a few up to 100. */
    private int smallVariantCount() {
        double r = random.nextDouble();
        if (r < 0.35) {
            return 1;
        }
        if (r < 0.85) {
            return 2 + random.nextInt(9);
        }
        if (r < 0.97) {
            return 11 + random.nextInt(20);
        }
        return 31 + random.nextInt(70);
    }

    private String status() {
        double r = random.nextDouble();
        return r < 0.80 ? "ACTIVE" : r < 0.95 ? "DRAFT" : "ARCHIVED";
    }

    private List<String> tags() {
        int n = random.nextInt(5);
        TreeSet<String> tags = new TreeSet<>();
        while (tags.size() < n) {
            tags.add(pick(TAGS));
        }
        return List.copyOf(tags);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    static String money(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** How many option dimensions a product with this many variants uses (0 means the single "Default Title"). */
    static int optionParts(int variantCount) {
        return variantCount <= 1 ? 0 : variantCount <= 10 ? 1 : variantCount <= 120 ? 2 : 3;
    }

    /** How many distinct variants a product with this many option dimensions can have. */
    static int capacity(int parts) {
        return switch (parts) {
            case 0 -> 1;
            case 1 -> SIZES.length;
            case 2 -> SIZES.length * COLORS.length;
            default -> SIZES.length * COLORS.length * FABRICS.length;
        };
    }

    /** The title of the variant at combination {@code index}: option values joined by " / ", as Shopify does. */
    static String variantTitle(int index, int parts) {
        if (parts == 0) {
            return DEFAULT_VARIANT_TITLE;
        }
        StringBuilder title = new StringBuilder(SIZES[index % SIZES.length]);
        if (parts >= 2) {
            title.append(" / ").append(COLORS[(index / SIZES.length) % COLORS.length]);
        }
        if (parts >= 3) {
            title.append(" / ").append(FABRICS[(index / (SIZES.length * COLORS.length)) % FABRICS.length]);
        }
        return title.toString();
    }

    static int optionPartsOf(String variantTitle) {
        return DEFAULT_VARIANT_TITLE.equals(variantTitle) ? 0 : variantTitle.split(" / ", -1).length;
    }

    private static String uniqueHandle(Map<String, Integer> handles, String title) {
        String base = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        int seen = handles.merge(base, 1, Integer::sum);
        return seen == 1 ? base : base + "-" + (seen - 1);
    }

    private static int firstAtLeast(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }
}
