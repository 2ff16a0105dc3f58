package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One immutable version of a shop's catalog. Writers build a new version and publish it; a request reads the
 * version it started with, so a page never mixes two versions. Sorted views and the variant index are computed on
 * first use and kept with the version they describe.
 */
final class CatalogState {

    private final NavigableMap<Long, ProductTruth> products;
    private final Map<String, List<ProductTruth>> productsBySort = new ConcurrentHashMap<>();
    private final Map<String, List<VariantRow>> variantsBySort = new ConcurrentHashMap<>();
    private volatile Map<Long, ProductTruth> productByVariantId;

    CatalogState(NavigableMap<Long, ProductTruth> products) {
        this.products = Collections.unmodifiableNavigableMap(products);
    }

    /** Live products by id, ascending. */
    NavigableMap<Long, ProductTruth> products() {
        return products;
    }

    List<ProductTruth> productsSortedBy(SortKey<ProductTruth> key) {
        return productsBySort.computeIfAbsent(key.name(), name -> {
            List<ProductTruth> sorted = new ArrayList<>(products.values());
            sorted.sort(key.comparator());
            return Collections.unmodifiableList(sorted);
        });
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
}
