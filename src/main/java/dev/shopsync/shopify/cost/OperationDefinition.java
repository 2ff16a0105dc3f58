package dev.shopsync.shopify.cost;

import java.util.List;

/** A query, mutation or subscription; {@code name} is null for an anonymous one. */
record OperationDefinition(Kind kind, String name, List<VariableDefinition> variables, List<Selection> selections) {

    enum Kind {
        QUERY, MUTATION, SUBSCRIPTION
    }

    /** {@code $name: Type = default}; {@code defaultValue} is null when no default is written. */
    record VariableDefinition(String name, Value defaultValue) {
    }
}
