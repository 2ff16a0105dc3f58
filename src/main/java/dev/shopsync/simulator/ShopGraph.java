package dev.shopsync.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.schema.DataFetchingEnvironment;

/**
 * A shop's catalog, as of one request, seen through the Admin API: the query root and the backing maps of products,
 * variants and the shop that {@link BackingMapFetcher} reads; customers, locations, collections and inventory are
 * added by {@link CustomerGraph}, {@link LocationGraph}, {@link CollectionGraph}, {@link InventoryGraph} and
 * {@link OrderGraph}.
 *
 * <p>Filtered queries ({@code query:} not blank) go through a search index that lags writes: a row whose last
 * change is newer than {@code now - indexLag} is not found by them yet, while unfiltered listings and
 * {@code node}/{@code nodes} read the truth directly.
 */
final class ShopGraph {

    private static final Pattern GID = Pattern.compile("gid://shopify/([A-Za-z]+)/(\\d{1,19})(\\?.*)?");
    private static final Pattern LEVEL_ITEM = Pattern.compile("\\?inventory_item_id=(\\d{1,19})");
    private static final int MAX_NODE_IDS = 250;
    /** What {@link #resolveGid} answers for text that is not a GID at all (an error, unlike an unknown id). */
    private static final Object INVALID = new Object();

    private final CatalogState state;
    private final Instant indexedUpTo;
    private final Map<String, Object> shop;
    private final CustomerGraph customers;
    private final LocationGraph locations;
    private final CollectionGraph collections;
    private final InventoryGraph inventory;
    private final OrderGraph orders;
    private final EventGraph events;
    private final BulkOperationGraph bulkOperations;

    ShopGraph(SimulatedShop shop, Instant now) {
        this.state = shop.state();
        this.indexedUpTo = now.minus(shop.indexLag());
        this.shop = shopNode(shop.domain());
        this.customers = new CustomerGraph(state, this::indexed);
        this.locations = new LocationGraph(state, this::indexed);
        this.collections = new CollectionGraph(state, this::indexed, this::productNode);
        this.inventory = new InventoryGraph(state, this::indexed, this::variantNode);
        this.events = new EventGraph(shop.events(), this::indexed);
        this.bulkOperations = new BulkOperationGraph(shop.bulkOperations(), now, this::root);
        this.orders = new OrderGraph(state, this::indexed, this::variantNode, id -> {
            ProductTruth product = state.products().get(id);
            return product == null ? null : productNode(product);
        });
    }

    Map<String, Object> root() {
        Map<String, Object> root = new HashMap<>();
        root.put("products", (FieldResolver) this::products);
        root.put("product", (FieldResolver) env -> byGid(env, "Product"));
        root.put("productVariants", (FieldResolver) this::productVariants);
        root.put("productVariant", (FieldResolver) env -> byGid(env, "ProductVariant"));
        root.put("node", (FieldResolver) env -> byGid(env, null));
        root.put("nodes", (FieldResolver) this::nodes);
        root.put("productsCount", (FieldResolver) this::productsCount);
        root.put("customer", (FieldResolver) env -> byGid(env, "Customer"));
        root.put("location", (FieldResolver) this::location);
        root.put("shop", shop);
        root.put("collection", (FieldResolver) env -> byGid(env, "Collection"));
        root.put("inventoryItem", (FieldResolver) env -> byGid(env, "InventoryItem"));
        root.put("inventoryLevel", (FieldResolver) env -> byGid(env, "InventoryLevel"));
        root.put("order", (FieldResolver) env -> byGid(env, "Order"));
        root.put("refund", (FieldResolver) env -> byGid(env, "Refund"));
        root.put("fulfillment", (FieldResolver) env -> byGid(env, "Fulfillment"));
        customers.addTo(root);
        locations.addTo(root);
        collections.addTo(root);
        inventory.addTo(root);
        orders.addTo(root);
        events.addTo(root);
        bulkOperations.addTo(root);
        return root;
    }

    static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static int totalInventory(ProductTruth product) {
        int total = 0;
        for (VariantTruth variant : product.variants()) {
            total += variant.inventoryQuantity();
        }
        return total;
    }

    private Object products(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<ProductTruth> key = SortKey.forProducts(env.getArgument("sortKey"));
        List<ProductTruth> rows = state.productsSortedBy(key);
        if (query.isFiltered()) {
            rows = rows.stream().filter(p -> indexed(p.updatedAt()) && query.matches(p)).toList();
        }
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                this::productNode);
    }

    private Object productVariants(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<VariantRow> key = SortKey.forVariants(env.getArgument("sortKey"));
        List<VariantRow> rows = state.variantsSortedBy(key);
        if (query.isFiltered()) {
            rows = rows.stream().filter(r -> indexed(r.variant().updatedAt()) && query.matches(r)).toList();
        }
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                row -> variantNode(row.product(), row.variant()));
    }

    private Object productsCount(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        long count = query.isFiltered()
                ? state.products().values().stream().filter(p -> indexed(p.updatedAt()) && query.matches(p)).count()
                : state.products().size();
        return countNode(env, count);
    }

    /** A {@code Count} of {@code count} rows, capped at the field's {@code limit} argument as Shopify caps it. */
    static Map<String, Object> countNode(DataFetchingEnvironment env, long count) {
        Object limit = env.getArgument("limit");
        if (limit instanceof Number max && count > max.longValue()) {
            return countNode(max.longValue(), "AT_LEAST");
        }
        return countNode(count, "EXACT");
    }

    /** {@code location(id:)} takes an optional id: without one it answers the shop's primary location. */
    private Object location(DataFetchingEnvironment env) {
        return env.getArgument("id") == null ? locations.primary() : byGid(env, "Location");
    }

    private Object nodes(DataFetchingEnvironment env) {
        List<?> ids = env.getArgument("ids");
        if (ids.size() > MAX_NODE_IDS) {
            return ConnectionPager.badRequest(env,
                    "The ids argument accepts at most " + MAX_NODE_IDS + " ids (got " + ids.size() + ")");
        }
        List<Object> nodes = new ArrayList<>(ids.size());
        for (Object id : ids) {
            Object node = resolveGid(String.valueOf(id), null);
            if (node == INVALID) {
                return ConnectionPager.badRequest(env, "Invalid global id '" + id + "'");
            }
            nodes.add(node);
        }
        return nodes;
    }

    private Object byGid(DataFetchingEnvironment env, String expectedType) {
        String id = String.valueOf((Object) env.getArgument("id"));
        Object node = resolveGid(id, expectedType);
        return node == INVALID ? ConnectionPager.badRequest(env, "Invalid global id '" + id + "'") : node;
    }

    /** The node a GID names, null when it names nothing live, {@link #INVALID} when it is not a GID. */
    private Object resolveGid(String gid, String expectedType) {
        Matcher m = GID.matcher(gid);
        if (!m.matches()) {
            return INVALID;
        }
        String type = m.group(1);
        long id;
        try {
            id = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return INVALID;
        }
        if (expectedType != null && !expectedType.equals(type)) {
            return null;
        }
        return switch (type) {
            case "Product" -> {
                ProductTruth product = state.products().get(id);
                yield product == null ? null : productNode(product);
            }
            case "ProductVariant" -> {
                ProductTruth product = state.productOfVariant(id);
                yield product == null ? null : variantNode(product, variantIn(product, id));
            }
            case "Customer" -> customers.node(id);
            case "Location" -> locations.node(id);
            case "Collection" -> collections.node(id);
            case "Order" -> orders.node(id);
            case "Refund" -> orders.refundNode(id);
            case "Fulfillment" -> orders.fulfillmentNode(id);
            case "InventoryItem" -> inventory.itemNode(id);
            case "InventoryLevel" -> {
                Matcher item = LEVEL_ITEM.matcher(m.group(3) == null ? "" : m.group(3));
                yield item.matches() ? inventory.levelNode(id, Long.parseLong(item.group(1))) : null;
            }
            case "Shop" -> gid.equals(shop.get("id")) ? shop : null;
            case "BulkOperation" -> bulkOperations.node(gid);
            default -> null;
        };
    }

    private boolean indexed(Instant lastChange) {
        return !lastChange.isAfter(indexedUpTo);
    }

    private Map<String, Object> productNode(ProductTruth p) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "Product");
        node.put("id", p.gid());
        node.put("legacyResourceId", String.valueOf(p.id()));
        node.put("title", p.title());
        node.put("handle", p.handle());
        node.put("status", p.status());
        node.put("vendor", p.vendor());
        node.put("productType", p.productType());
        node.put("tags", p.tags());
        node.put("createdAt", iso(p.createdAt()));
        node.put("updatedAt", iso(p.updatedAt()));
        node.put("publishedAt", "ACTIVE".equals(p.status()) ? iso(p.createdAt()) : null);
        node.put("descriptionHtml", "<p>" + p.title() + " by " + p.vendor() + ".</p>");
        node.put("description", p.title() + " by " + p.vendor() + ".");
        node.put("totalInventory", totalInventory(p));
        node.put("hasOnlyDefaultVariant", p.variants().size() == 1
                && CatalogGenerator.DEFAULT_VARIANT_TITLE.equals(p.variants().get(0).title()));
        node.put("options", (FieldResolver) env -> options(p));
        node.put("variants", (FieldResolver) env -> variants(env, p));
        node.put("variantsCount", countNode(p.variants().size(), "EXACT"));
        node.put("media", (FieldResolver) env -> ConnectionPager.page(env, ProductMedia.of(p),
                SortKey.byId(ProductMedia.Image::id), Boolean.TRUE.equals(env.getArgument("reverse")),
                ShopGraph::mediaNode));
        return node;
    }

    private static Map<String, Object> mediaNode(ProductMedia.Image image) {
        Map<String, Object> picture = new HashMap<>();
        picture.put("__typename", "Image");
        picture.put("url", image.url());
        picture.put("altText", image.alt());
        picture.put("width", 2048);
        picture.put("height", 2048);
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "MediaImage");
        node.put("id", image.gid());
        node.put("alt", image.alt());
        node.put("mediaContentType", "IMAGE");
        node.put("status", "READY");
        node.put("image", picture);
        node.put("preview", Map.of("__typename", "MediaPreviewImage", "image", picture, "status", "READY"));
        return node;
    }

    private Object variants(DataFetchingEnvironment env, ProductTruth p) {
        String sort = env.getArgument("sortKey");
        SortKey<VariantRow> key = SortKey.forVariants(sort == null ? "POSITION" : sort);
        List<VariantRow> rows = new ArrayList<>(p.variants().size());
        p.variants().forEach(v -> rows.add(new VariantRow(p, v)));
        rows.sort(key.comparator());
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                row -> variantNode(p, row.variant()));
    }

    private Map<String, Object> variantNode(ProductTruth p, VariantTruth v) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "ProductVariant");
        node.put("id", v.gid());
        node.put("legacyResourceId", String.valueOf(v.id()));
        node.put("title", v.title());
        node.put("displayName", p.title() + " - " + v.title());
        node.put("sku", v.sku());
        node.put("barcode", v.sku() == null ? null : String.format(Locale.ROOT, "%013d", v.id() % 10_000_000_000_000L));
        node.put("price", v.price());
        node.put("compareAtPrice", v.compareAtPrice());
        node.put("inventoryQuantity", v.inventoryQuantity());
        node.put("position", v.position());
        node.put("createdAt", iso(v.createdAt()));
        node.put("updatedAt", iso(v.updatedAt()));
        node.put("taxable", true);
        node.put("availableForSale", "ACTIVE".equals(p.status()) && v.inventoryQuantity() > 0);
        node.put("selectedOptions", (FieldResolver) env -> selectedOptions(p, v));
        node.put("product", (FieldResolver) env -> productNode(p));
        node.put("inventoryItem", (FieldResolver) env -> {
            Map<String, Object> item = inventory.itemNode(InventoryGenerator.itemIdOf(v.id()));
            return item != null ? item : inventoryItem(v);
        });
        return node;
    }

    /** The live variant's node, or null. */
    private Map<String, Object> variantNode(long variantId) {
        ProductTruth product = state.productOfVariant(variantId);
        return product == null ? null : variantNode(product, variantIn(product, variantId));
    }

    /** What a shop without locations (so without inventory) answers for a variant's item. */
    private static Map<String, Object> inventoryItem(VariantTruth v) {
        // Inventory items have their own id space on Shopify; derive one that is stable and also above 2^53.
        long id = InventoryGenerator.itemIdOf(v.id());
        Map<String, Object> item = new HashMap<>();
        item.put("__typename", "InventoryItem");
        item.put("id", "gid://shopify/InventoryItem/" + id);
        item.put("legacyResourceId", String.valueOf(id));
        item.put("sku", v.sku());
        item.put("tracked", true);
        item.put("requiresShipping", true);
        item.put("createdAt", iso(v.createdAt()));
        item.put("updatedAt", iso(v.updatedAt()));
        return item;
    }

    private static List<Map<String, Object>> options(ProductTruth p) {
        int parts = CatalogGenerator.optionPartsOf(p.variants().get(0).title());
        List<Map<String, Object>> options = new ArrayList<>();
        for (int d = 0; d < Math.max(1, parts); d++) {
            Set<String> values = new LinkedHashSet<>();
            for (VariantTruth v : p.variants()) {
                values.add(parts == 0 ? v.title() : optionValues(v.title())[d]);
            }
            Map<String, Object> option = new HashMap<>();
            option.put("__typename", "ProductOption");
            option.put("id", "gid://shopify/ProductOption/" + optionId(p, d));
            option.put("name", optionName(parts, d));
            option.put("position", d + 1);
            option.put("values", List.copyOf(values));
            options.add(option);
        }
        return options;
    }

    private static List<Map<String, Object>> selectedOptions(ProductTruth p, VariantTruth v) {
        int parts = CatalogGenerator.optionPartsOf(v.title());
        String[] values = parts == 0 ? new String[] {v.title()} : optionValues(v.title());
        List<Map<String, Object>> selected = new ArrayList<>();
        for (int d = 0; d < values.length; d++) {
            Map<String, Object> option = new HashMap<>();
            option.put("name", optionName(parts, d));
            option.put("value", values[d]);
            option.put("optionValue", Map.of("__typename", "ProductOptionValue", "id",
                    "gid://shopify/ProductOptionValue/" + (optionId(p, d) * 1_000 + Math.floorMod(values[d].hashCode(), 1_000)),
                    "name", values[d], "hasVariants", true));
            selected.add(option);
        }
        return selected;
    }

    private static String[] optionValues(String variantTitle) {
        return variantTitle.split(" / ", -1);
    }

    private static String optionName(int parts, int dimension) {
        return parts == 0 ? "Title" : CatalogGenerator.OPTION_NAMES.get(dimension);
    }

    private static long optionId(ProductTruth p, int dimension) {
        return 1_000_000_000_000L + (p.id() - CatalogGenerator.FIRST_PRODUCT_ID) * 4 + dimension;
    }

    private static VariantTruth variantIn(ProductTruth product, long variantId) {
        for (VariantTruth variant : product.variants()) {
            if (variant.id() == variantId) {
                return variant;
            }
        }
        throw new IllegalStateException("variant " + variantId + " not in product " + product.id());
    }

    private static Map<String, Object> countNode(long count, String precision) {
        return Map.of("count", count, "precision", precision);
    }

    private static Map<String, Object> shopNode(String domain) {
        String label = domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain;
        Map<String, Object> shop = new HashMap<>();
        shop.put("__typename", "Shop");
        shop.put("id", "gid://shopify/Shop/" + (60_000_000_000L + Math.floorMod(domain.hashCode(), 1_000_000_000)));
        shop.put("name", label.isEmpty() ? domain : Character.toUpperCase(label.charAt(0)) + label.substring(1));
        shop.put("myshopifyDomain", domain);
        shop.put("currencyCode", "USD");
        shop.put("email", "owner@" + domain);
        shop.put("ianaTimezone", "Etc/UTC");
        return shop;
    }
}
