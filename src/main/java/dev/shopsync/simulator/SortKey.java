package dev.shopsync.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One {@code sortKey} of a connection: how rows compare (always with the id as tie-break, so rows that share a
 * value, like products touched by one mass edit, still have a total order), and how the sort value is written into
 * and read back from a cursor.
 */
record SortKey<T>(String name, Function<T, Comparable<?>> value, Function<T, String> cursorValue,
        Function<String, Comparable<?>> parseCursorValue, ToLongFunction<T> id) {

    Comparator<T> comparator() {
        return (a, b) -> compare(value.apply(a), id.applyAsLong(a), value.apply(b), id.applyAsLong(b));
    }

    /** Sign of (row - cursor position) in ascending order. */
    int compareToPosition(T row, Comparable<?> positionValue, long positionId) {
        return compare(value.apply(row), id.applyAsLong(row), positionValue, positionId);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> v1, long id1, Comparable<?> v2, long id2) {
        int byValue = ((Comparable) v1).compareTo(v2);
        return byValue != 0 ? byValue : Long.compare(id1, id2);
    }

    static SortKey<ProductTruth> forProducts(String sortKey) {
        String key = sortKey == null ? "ID" : sortKey;
        return switch (key) {
            case "UPDATED_AT" -> instant(key, ProductTruth::updatedAt, ProductTruth::id);
            case "CREATED_AT" -> instant(key, ProductTruth::createdAt, ProductTruth::id);
            case "TITLE" -> text(key, ProductTruth::title, ProductTruth::id);
            case "VENDOR" -> text(key, ProductTruth::vendor, ProductTruth::id);
            case "PRODUCT_TYPE" -> text(key, ProductTruth::productType, ProductTruth::id);
            case "INVENTORY_TOTAL" -> number(key, p -> (long) ShopGraph.totalInventory(p), ProductTruth::id);
            // RELEVANCE and PUBLISHED_AT are not modelled: they fall back to the id order.
            default -> number("ID", ProductTruth::id, ProductTruth::id);
        };
    }

    static SortKey<VariantRow> forVariants(String sortKey) {
        String key = sortKey == null ? "ID" : sortKey;
        ToLongFunction<VariantRow> id = row -> row.variant().id();
        return switch (key) {
            case "POSITION" -> number(key, row -> (long) row.variant().position(), id);
            case "SKU" -> text(key, row -> row.variant().sku() == null ? "" : row.variant().sku(), id);
            case "TITLE", "FULL_TITLE", "NAME" -> text(key, row -> row.variant().title(), id);
            case "INVENTORY_QUANTITY" -> number(key, row -> (long) row.variant().inventoryQuantity(), id);
            default -> number("ID", row -> row.variant().id(), id);
        };
    }

    static SortKey<CustomerTruth> forCustomers(String sortKey) {
        String key = sortKey == null ? "ID" : sortKey;
        return switch (key) {
            case "UPDATED_AT" -> instant(key, CustomerTruth::updatedAt, CustomerTruth::id);
            case "CREATED_AT" -> instant(key, CustomerTruth::createdAt, CustomerTruth::id);
            case "NAME" -> text(key, SortKey::displayName, CustomerTruth::id);
            // LOCATION and RELEVANCE are not modelled: they fall back to the id order.
            default -> number("ID", CustomerTruth::id, CustomerTruth::id);
        };
    }

    /** Locations sort by name unless told otherwise, as on Shopify. */
    static SortKey<LocationTruth> forLocations(String sortKey) {
        String key = sortKey == null ? "NAME" : sortKey;
        return switch (key) {
            case "NAME" -> text(key, LocationTruth::name, LocationTruth::id);
            // RELEVANCE is not modelled: it falls back to the id order.
            default -> number("ID", LocationTruth::id, LocationTruth::id);
        };
    }

    static SortKey<CollectionTruth> forCollections(String sortKey) {
        String key = sortKey == null ? "ID" : sortKey;
        return switch (key) {
            case "UPDATED_AT" -> instant(key, CollectionTruth::updatedAt, CollectionTruth::id);
            case "TITLE" -> text(key, CollectionTruth::title, CollectionTruth::id);
            // RELEVANCE is not modelled: it falls back to the id order.
            default -> number("ID", CollectionTruth::id, CollectionTruth::id);
        };
    }

    static SortKey<OrderTruth> forOrders(String sortKey) {
        String key = sortKey == null ? "ID" : sortKey;
        return switch (key) {
            case "UPDATED_AT" -> instant(key, OrderTruth::updatedAt, OrderTruth::id);
            case "CREATED_AT" -> instant(key, OrderTruth::createdAt, OrderTruth::id);
            // Orders are processed when they are created here (no imported orders).
            case "PROCESSED_AT" -> instant(key, OrderTruth::createdAt, OrderTruth::id);
            // ORDER_NUMBER grows with the id; the other keys are not modelled and fall back to the id order.
            default -> number("ID", OrderTruth::id, OrderTruth::id);
        };
    }

    static SortKey<EventTruth> forEvents(String sortKey) {
        return "CREATED_AT".equals(sortKey) ? instant("CREATED_AT", EventTruth::createdAt, EventTruth::id)
                : number("ID", EventTruth::id, EventTruth::id);
    }

    /**
     * The children of an order (line items, shipping lines, refund and fulfillment line items) in the order the shop
     * lists them, which is the order of their ids.
     */
    static <T> SortKey<T> byId(ToLongFunction<T> id) {
        return number("ID", id::applyAsLong, id);
    }

    /** Inventory items have no sort key in the API: they list in id order. */
    static SortKey<InventoryItemTruth> forInventoryItems() {
        return number("ID", InventoryItemTruth::id, InventoryItemTruth::id);
    }

    /** An item's levels in the order of their locations' ids. */
    static SortKey<InventoryLevelTruth> forInventoryLevels() {
        return number("ID", InventoryLevelTruth::locationId, InventoryLevelTruth::locationId);
    }

    /**
     * A collection's members in collection order. The cursor names the member's position and product id; a cursor
     * whose product is still a member resumes right after it wherever it has moved, one whose product left resumes
     * at its old position. Values are doubled positions so "just before position p" (2p - 1) has a value too.
     *
     * @param positions each member's current position, by product id
     */
    static SortKey<Member> forMembers(Map<Long, Integer> positions) {
        return new SortKey<>("COLLECTION_DEFAULT", m -> 2L * m.position(), m -> m.position() + "@" + m.productId(),
                text -> {
                    int at = text.indexOf('@');
                    Integer now = positions.get(Long.valueOf(text.substring(at + 1)));
                    return now != null ? 2L * now : 2L * Integer.parseInt(text.substring(0, at)) - 1;
                }, Member::productId);
    }

    /** One member of a collection at its position. */
    record Member(int position, long productId) {
    }

    /** A customer's addresses in the order the shop lists them, which is the order of their ids. */
    static SortKey<AddressTruth> forAddresses() {
        return number("ID", AddressTruth::numericId, AddressTruth::numericId);
    }

    private static String displayName(CustomerTruth c) {
        String first = c.firstName() == null ? "" : c.firstName();
        String last = c.lastName() == null ? "" : c.lastName();
        return (first + " " + last).trim();
    }

    private static <T> SortKey<T> instant(String name, Function<T, Instant> get, ToLongFunction<T> id) {
        return new SortKey<>(name, get::apply, row -> ShopGraph.iso(get.apply(row)), Instant::parse, id);
    }

    private static <T> SortKey<T> text(String name, Function<T, String> get, ToLongFunction<T> id) {
        return new SortKey<>(name, row -> get.apply(row).toLowerCase(Locale.ROOT), get,
                text -> text.toLowerCase(Locale.ROOT), id);
    }

    private static <T> SortKey<T> number(String name, Function<T, Long> get, ToLongFunction<T> id) {
        return new SortKey<>(name, get::apply, row -> String.valueOf(get.apply(row)), Long::valueOf, id);
    }
}
