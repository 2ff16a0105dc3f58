package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;

/**
 * Shopify's custom scalars (DateTime, Money, Decimal, URL, HTML, JSON, UnsignedInt64, ...) carried through as they
 * are: the backing maps already hold the wire form (e.g. {@code "2026-01-01T00:00:00Z"}, {@code "12.50"}), and
 * argument values reach the resolvers as plain Java values.
 */
final class PassThroughScalar implements Coercing<Object, Object> {

    private static final PassThroughScalar COERCING = new PassThroughScalar();

    static GraphQLScalarType named(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(COERCING).build();
    }

    @Override
    public Object serialize(Object dataFetcherResult, GraphQLContext context, Locale locale) {
        return dataFetcherResult;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
        return input;
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        return literal(input, variables);
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        if (input == null) {
            return NullValue.of();
        }
        if (input instanceof Boolean b) {
            return BooleanValue.of(b);
        }
        if (input instanceof Number n) {
            return n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal
                    ? FloatValue.of(Double.parseDouble(n.toString()))
                    : IntValue.of(n.intValue());
        }
        return StringValue.of(input.toString());
    }

    private static Object literal(Value<?> input, CoercedVariables variables) {
        if (input instanceof StringValue s) {
            return s.getValue();
        }
        if (input instanceof IntValue i) {
            return i.getValue();
        }
        if (input instanceof FloatValue f) {
            return f.getValue();
        }
        if (input instanceof BooleanValue b) {
            return b.isValue();
        }
        if (input instanceof EnumValue e) {
            return e.getName();
        }
        if (input instanceof VariableReference v) {
            return variables.get(v.getName());
        }
        if (input instanceof ArrayValue a) {
            List<Object> list = new ArrayList<>();
            for (Value<?> element : a.getValues()) {
                list.add(literal(element, variables));
            }
            return list;
        }
        if (input instanceof ObjectValue o) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (ObjectField field : o.getObjectFields()) {
                map.put(field.getName(), literal(field.getValue(), variables));
            }
            return map;
        }
        return null;
    }
}
