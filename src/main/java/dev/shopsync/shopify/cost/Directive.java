package dev.shopsync.shopify.cost;

import java.util.Map;

/** {@code @name(arguments)}; only {@code @skip} and {@code @include} change what is priced. */
record Directive(String name, Map<String, Value> arguments) {
}
