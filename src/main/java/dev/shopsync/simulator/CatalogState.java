package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One immutable version of a shop's data: products, customers, locations, collections, inventory items and
 * orders. Writers build a new version and
 * publish it; a request reads the version it started with, so a page never mixes two versions. Sorted views and the
 * variant index are computed on first use and kept with the version they describe.
 */
final class CatalogState {

    private final NavigableMap<Long, ProductTruth> products;
    private final NavigableMap<Long, CustomerTruth> customers;
    private final NavigableMap<Long, LocationTruth> locations;
    private final NavigableMap<Long, CollectionTruth> collections;
    private final NavigableMap<Long, InventoryItemTruth> inventoryItems;
    private final NavigableMap<Long, OrderTruth> orders;
    private final Map<String, List<ProductTruth>> productsBySort = new ConcurrentHashMap<>();
    private final Map<String, List<VariantRow>> variantsBySort = new ConcurrentHashMap<>();
    private final Map<String, List<CustomerTruth>> customersBySort = new ConcurrentHashMap<>();
    private final Map<String, List<LocationTruth>> locationsBySort = new ConcurrentHashMap<>();
    private final Map<String, List<CollectionTruth>> collectionsBySort = new ConcurrentHashMap<>();
    private final Map<String, List<OrderTruth>> ordersBySort = new ConcurrentHashMap<>();
    private volatile Map<Long, ProductTruth> productByVariantId;
    private volatile List<InventoryItemTruth> inventoryItemsInOrder;

    CatalogState(NavigableMap<Long, ProductTruth> products, NavigableMap<Long, CustomerTruth> customers,
            NavigableMap<Long, LocationTruth> locations, NavigableMap<Long, CollectionTruth> collections,
            NavigableMap<Long, InventoryItemTruth> inventoryItems, NavigableMap<Long, OrderTruth> orders) {
        this.products = Collections.unmodifiableNavigableMap(products);
        this.customers = Collections.unmodifiableNavigableMap(customers);
        this.locations = Collections.unmodifiableNavigableMap(locations);
        this.collections = Collections.unmodifiableNavigableMap(collections);
        this.inventoryItems = Collections.unmodifiableNavigableMap(inventoryItems);
        this.orders = Collections.unmodifiableNavigableMap(orders);
    }

    CatalogState withProducts(NavigableMap<Long, ProductTruth> changed) {
        return new CatalogState(changed, customers, locations, collections, inventoryItems, orders);
    }

    CatalogState withCustomers(NavigableMap<Long, CustomerTruth> changed) {
        return new CatalogState(products, changed, locations, collections, inventoryItems, orders);
    }

    CatalogState withLocations(NavigableMap<Long, LocationTruth> changed) {
        return new CatalogState(products, customers, changed, collections, inventoryItems, orders);
    }

    CatalogState withCollections(NavigableMap<Long, CollectionTruth> changed) {
        return new CatalogState(products, customers, locations, changed, inventoryItems, orders);
    }

    CatalogState withInventoryItems(NavigableMap<Long, InventoryItemTruth> changed) {
        return new CatalogState(products, customers, locations, collections, changed, orders);
    }

    CatalogState withOrders(NavigableMap<Long, OrderTruth> changed) {
        return new CatalogState(products, customers, locations, collections, inventoryItems, changed);
    }

    /** Live orders by id, ascending. */
    NavigableMap<Long, OrderTruth> orders() {
        return orders;
    }

    List<OrderTruth> ordersSortedBy(SortKey<OrderTruth> key) {
        return sorted(ordersBySort, orders.values(), key);
    }

    /** Live products by id, ascending. */
    NavigableMap<Long, ProductTruth> products() {
        return products;
    }

    /** Live customers by id, ascending. */
    NavigableMap<Long, CustomerTruth> customers() {
        return customers;
    }

    /** Live (not deleted) locations by id, ascending; inactive ones included. */
    NavigableMap<Long, LocationTruth> locations() {
        return locations;
    }

    /** Live collections by id, ascending. */
    NavigableMap<Long, CollectionTruth> collections() {
        return collections;
    }

    /** Inventory items of the live variants by id, ascending; empty when the shop has no locations. */
    NavigableMap<Long, InventoryItemTruth> inventoryItems() {
        return inventoryItems;
    }

    /** The inventory items by id as a list, for paging; built once per version. */
    List<InventoryItemTruth> inventoryItemsInOrder() {
        List<InventoryItemTruth> list = inventoryItemsInOrder;
        if (list == null) {
            list = List.copyOf(inventoryItems.values());
            inventoryItemsInOrder = list;
        }
        return list;
    }

    List<CollectionTruth> collectionsSortedBy(SortKey<CollectionTruth> key) {
        return sorted(collectionsBySort, collections.values(), key);
    }

    List<ProductTruth> productsSortedBy(SortKey<ProductTruth> key) {
        return sorted(productsBySort, products.values(), key);
    }

    List<CustomerTruth> customersSortedBy(SortKey<CustomerTruth> key) {
        return sorted(customersBySort, customers.values(), key);
    }

    List<LocationTruth> locationsSortedBy(SortKey<LocationTruth> key) {
        return sorted(locationsBySort, locations.values(), key);
    }

    List<VariantRow> variantsSortedBy(SortKey<VariantRow> key) {
        return variantsBySort.computeIfAbsent(key.name(), name -> {
            List<VariantRow> rows = new ArrayList<>();
            for (ProductTruth product : products.values()) {
                for (VariantTruth variant : product.variants()) {
                    rows.add(new VariantRow(product, variant));
                }
            }
            rows.sort(key.comparator());
            return Collections.unmodifiableList(rows);
        });
    }

    /** The live product that holds the variant, or null. */
    ProductTruth productOfVariant(long variantId) {
        Map<Long, ProductTruth> index = productByVariantId;
        if (index == null) {
            // Two racing readers build the same index; either copy is correct.
            Map<Long, ProductTruth> built = new HashMap<>();
            for (ProductTruth product : products.values()) {
                for (VariantTruth variant : product.variants()) {
                    built.put(variant.id(), product);
                }
            }
            index = Collections.unmodifiableMap(built);
            productByVariantId = index;
        }
        return index.get(variantId);
    }

    private static <T> List<T> sorted(Map<String, List<T>> cache, Collection<T> rows, SortKey<T> key) {
        return cache.computeIfAbsent(key.name(), name -> {
            List<T> sorted = new ArrayList<>(rows);
            sorted.sort(key.comparator());
            return Collections.unmodifiableList(sorted);
        });
    }
}
