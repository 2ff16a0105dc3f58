package dev.shopsync.simulator;

/** A variant with its product: variant searches and renderings need both (vendor, product id, product link). */
record VariantRow(ProductTruth product, VariantTruth variant) {
}
