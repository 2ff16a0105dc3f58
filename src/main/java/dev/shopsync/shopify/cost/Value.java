package dev.shopsync.shopify.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An argument or default value as written; {@link #resolve} turns it into what the server will see. */
sealed interface Value permits Value.Variable, Value.Literal, Value.ListValue, Value.ObjectValue {

    /** The value with variables substituted: null, Boolean, String, BigInteger, BigDecimal, List or Map. */
    Object resolve(Map<String, Object> variables);

    record Variable(String name) implements Value {
        @Override
        public Object resolve(Map<String, Object> variables) {
            return variables.get(name);
        }
    }

    /** A scalar, an enum (as its name) or null. */
    record Literal(Object value) implements Value {
        @Override
        public Object resolve(Map<String, Object> variables) {
            return value;
        }
    }

    record ListValue(List<Value> values) implements Value {
        @Override
        public Object resolve(Map<String, Object> variables) {
            // ArrayList, not List.of: elements may be null.
            List<Object> resolved = new ArrayList<>(values.size());
            values.forEach(value -> resolved.add(value.resolve(variables)));
            return resolved;
        }
    }

    record ObjectValue(Map<String, Value> fields) implements Value {
        @Override
        public Object resolve(Map<String, Object> variables) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            fields.forEach((name, value) -> resolved.put(name, value.resolve(variables)));
            return resolved;
        }
    }
}
