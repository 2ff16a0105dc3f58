package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.schema.DataFetchingEnvironment;

/**
 * A shop's inventory, as of one request, seen through the Admin API: the {@code inventoryItems} connection (id order,
 * the field has no sort key), item nodes with their {@code inventoryLevels} and {@code inventoryLevel(locationId:)},
 * and level nodes with {@code quantities(names:)}, which answers the names asked for, in that order.
 */
final class InventoryGraph {

    /** The quantity names Shopify knows; those the simulator does not track are always 0. */
    private static final Set<String> QUANTITY_NAMES = Set.of("available", "on_hand", "committed", "incoming",
            "reserved", "damaged", "safety_stock", "quality_control");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/(\\d{1,19})");

    private final CatalogState state;
    private final Predicate<Instant> indexed;
    private final LongFunction<Map<String, Object>> variantNode;

    /**
     * @param indexed     whether a row last changed at that instant is visible to search yet
     * @param variantNode the node of a live variant by id
     */
    InventoryGraph(CatalogState state, Predicate<Instant> indexed, LongFunction<Map<String, Object>> variantNode) {
        this.state = state;
        this.indexed = indexed;
        this.variantNode = variantNode;
    }

    void addTo(Map<String, Object> root) {
        root.put("inventoryItems", (FieldResolver) this::inventoryItems);
    }

    /** The item's node, or null when the shop has no such item. */
    Map<String, Object> itemNode(long id) {
        InventoryItemTruth item = state.inventoryItems().get(id);
        return item == null ? null : itemNode(item);
    }

    /** The level's node, or null when the item or its level at the location does not exist. */
    Map<String, Object> levelNode(long locationId, long itemId) {
        InventoryItemTruth item = state.inventoryItems().get(itemId);
        InventoryLevelTruth level = item == null ? null : levelAt(item, locationId);
        return level == null ? null : levelNode(item, level);
    }

    private Object inventoryItems(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<InventoryItemTruth> key = SortKey.forInventoryItems();
        List<InventoryItemTruth> rows = state.inventoryItemsInOrder();
        if (query.isFiltered()) {
            rows = rows.stream().filter(i -> indexed.test(i.updatedAt()) && query.matches(i)).toList();
        }
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                this::itemNode);
    }

    private Map<String, Object> itemNode(InventoryItemTruth i) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "InventoryItem");
        node.put("id", i.gid());
        node.put("legacyResourceId", String.valueOf(i.id()));
        node.put("sku", i.sku());
        node.put("tracked", i.tracked());
        node.put("requiresShipping", true);
        node.put("duplicateSkuCount", 0);
        node.put("createdAt", ShopGraph.iso(i.createdAt()));
        node.put("updatedAt", ShopGraph.iso(i.updatedAt()));
        node.put("variant", (FieldResolver) env -> variantNode.apply(i.variantId()));
        node.put("locationsCount", Map.of("count", (long) i.levels().size(), "precision", "EXACT"));
        node.put("inventoryLevels", (FieldResolver) env -> inventoryLevels(env, i));
        node.put("inventoryLevel", (FieldResolver) env -> inventoryLevel(env, i));
        return node;
    }

    private Object inventoryLevels(DataFetchingEnvironment env, InventoryItemTruth i) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        List<InventoryLevelTruth> rows = i.levels();
        if (query.isFiltered()) {
            // Levels are filtered on their own fields (updated_at, location id), not through the product index.
            rows = rows.stream().filter(l -> levelMatches(query, l)).toList();
        }
        return ConnectionPager.page(env, rows, SortKey.forInventoryLevels(),
                Boolean.TRUE.equals(env.getArgument("reverse")), l -> levelNode(i, l));
    }

    private Object inventoryLevel(DataFetchingEnvironment env, InventoryItemTruth i) {
        String locationId = String.valueOf((Object) env.getArgument("locationId"));
        Matcher m = LOCATION_GID.matcher(locationId);
        if (!m.matches()) {
            return ConnectionPager.badRequest(env, "Invalid global id '" + locationId + "'");
        }
        InventoryLevelTruth level = levelAt(i, Long.parseLong(m.group(1)));
        return level == null ? null : levelNode(i, level);
    }

    private Map<String, Object> levelNode(InventoryItemTruth i, InventoryLevelTruth l) {
        LocationTruth location = state.locations().get(l.locationId());
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "InventoryLevel");
        node.put("id", l.gid());
        node.put("createdAt", ShopGraph.iso(InventoryGenerator.later(i.createdAt(), location.createdAt())));
        node.put("updatedAt", ShopGraph.iso(l.updatedAt()));
        // Every item is stocked at every location, so no level is inactive.
        node.put("isActive", true);
        node.put("canDeactivate", true);
        node.put("location", LocationGraph.locationNode(location));
        node.put("item", (FieldResolver) env -> itemNode(i));
        node.put("quantities", (FieldResolver) env -> quantities(env, i, l));
        return node;
    }

    private static Object quantities(DataFetchingEnvironment env, InventoryItemTruth i, InventoryLevelTruth l) {
        List<?> names = env.getArgument("names");
        List<Map<String, Object>> quantities = new ArrayList<>(names.size());
        for (Object value : names) {
            String name = String.valueOf(value);
            if (!QUANTITY_NAMES.contains(name)) {
                return ConnectionPager.badRequest(env, "The quantity name '" + name + "' is not valid. Valid names: "
                        + String.join(", ", QUANTITY_NAMES.stream().sorted().toList()) + ".");
            }
            int quantity = switch (name) {
                case "available" -> l.available();
                case "on_hand" -> l.onHand();
                case "committed" -> l.committed();
                case "incoming" -> l.incoming();
                default -> 0;
            };
            Map<String, Object> node = new HashMap<>();
            node.put("id", "gid://shopify/InventoryQuantity/" + l.locationId() + "?inventory_item_id=" + i.id()
                    + "&name=" + name);
            node.put("name", name);
            node.put("quantity", quantity);
            node.put("updatedAt", ShopGraph.iso(l.updatedAt()));
            quantities.add(node);
        }
        return quantities;
    }

    private static boolean levelMatches(SearchQuery query, InventoryLevelTruth l) {
        return query.groups().stream().anyMatch(group -> group.stream().allMatch(term -> {
            boolean matches = switch (term.field() == null ? "" : term.field()) {
                case "updated_at" -> SearchQuery.compareInstant(l.updatedAt(), term);
                case "location_id" -> SearchQuery.compareLong(l.locationId(), term);
                default -> true;
            };
            return matches != term.negated();
        }));
    }

    private static InventoryLevelTruth levelAt(InventoryItemTruth item, long locationId) {
        for (InventoryLevelTruth level : item.levels()) {
            if (level.locationId() == locationId) {
                return level;
            }
        }
        return null;
    }
}
