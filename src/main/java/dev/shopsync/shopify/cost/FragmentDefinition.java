package dev.shopsync.shopify.cost;

import java.util.List;

/** {@code fragment Name on Type { }}. */
record FragmentDefinition(String name, String typeCondition, List<Selection> selections) {
}
