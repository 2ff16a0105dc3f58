package dev.shopsync.shopify.cost;

import java.util.List;
import java.util.Map;

/** One entry of a selection set. */
sealed interface Selection permits Selection.Field, Selection.FragmentSpread, Selection.InlineFragment {

    List<Directive> directives();

    /** A field; {@code selections} is empty for a leaf (the grammar forbids an empty {@code { }}). */
    record Field(String alias, String name, Map<String, Value> arguments, List<Directive> directives,
            List<Selection> selections) implements Selection {

        /** The key the field answers under: fields sharing it are merged, as GraphQL execution merges them. */
        String responseKey() {
            return alias != null ? alias : name;
        }
    }

    record FragmentSpread(String fragmentName, List<Directive> directives) implements Selection {
    }

    /** {@code ... on Type { }}; {@code typeCondition} is null for {@code ... @include(if: $x) { }}. */
    record InlineFragment(String typeCondition, List<Directive> directives, List<Selection> selections)
            implements Selection {
    }
}
