package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The random-but-reproducible edits a merchant makes to one product: a new title, new prices and SKUs on some
 * variants, and sometimes a variant added or removed (never the last one). Everything touched gets
 * {@code updatedAt = at}; the product always does.
 */
final class CatalogEdits {

    private final SplittableRandom random;
    private final CatalogGenerator generator;

    CatalogEdits(SplittableRandom random) {
        this.random = random;
        this.generator = new CatalogGenerator(random);
    }

    SplittableRandom random() {
        return random;
    }

    ProductTruth edit(ProductTruth product, Instant at, LongSupplier nextVariantId) {
        List<VariantTruth> variants = new ArrayList<>(product.variants());
        int forced = random.nextInt(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            if (i == forced || random.nextDouble() < 0.3) {
                variants.set(i, reprice(variants.get(i), at));
            }
        }
        double change = random.nextDouble();
        if (change < 0.15) {
            addVariant(variants, at, nextVariantId);
        } else if (change < 0.25 && variants.size() > 1) {
            removeVariant(variants, at);
        }
        return new ProductTruth(product.id(), product.gid(), generator.title(), product.handle(), product.status(),
                product.vendor(), product.productType(), product.tags(), product.createdAt(), at, variants);
    }

    private VariantTruth reprice(VariantTruth v, Instant at) {
        String sku = v.sku() != null && random.nextDouble() < 0.5 ? v.sku() + "-R" + random.nextInt(10) : v.sku();
        long cents = generator.priceCents();
        String compareAt = random.nextDouble() < 0.25 ? CatalogGenerator.money(cents * 5 / 4) : null;
        return new VariantTruth(v.id(), v.gid(), v.title(), sku, CatalogGenerator.money(cents), compareAt,
                v.inventoryQuantity(), v.position(), v.createdAt(), at);
    }

    private void addVariant(List<VariantTruth> variants, Instant at, LongSupplier nextVariantId) {
        int parts = CatalogGenerator.optionPartsOf(variants.get(0).title());
        Set<String> taken = new HashSet<>();
        variants.forEach(v -> taken.add(v.title()));
        for (int index = 0; index < CatalogGenerator.capacity(parts); index++) {
            String title = CatalogGenerator.variantTitle(index, parts);
            if (!taken.contains(title)) {
                VariantTruth template = variants.get(variants.size() - 1);
                String sku = template.sku() == null ? null : template.sku() + "-N" + (variants.size() + 1);
                variants.add(generator.variant(nextVariantId.getAsLong(), title, sku, generator.priceCents(),
                        variants.size() + 1, at, at));
                return;
            }
        }
        // Every option combination is taken (or the product has the single default variant): nothing to add.
    }

    private void removeVariant(List<VariantTruth> variants, Instant at) {
        int removed = random.nextInt(variants.size());
        variants.remove(removed);
        // Shopify keeps positions contiguous; the variants that moved up were changed too.
        for (int i = removed; i < variants.size(); i++) {
            VariantTruth v = variants.get(i);
            variants.set(i, new VariantTruth(v.id(), v.gid(), v.title(), v.sku(), v.price(), v.compareAtPrice(),
                    v.inventoryQuantity(), i + 1, v.createdAt(), at));
        }
    }
}
