package dev.shopsync.simulator;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;

/**
 * The one data fetcher of the simulator schema: every object is a map keyed by field name, and a value that is a
 * {@link FieldResolver} is called with the field's environment. Fields the simulator does not model resolve to
 * nothing, shaped so non-null lists and connections do not null out their parents (a real shop with no media
 * answers {@code media(first: 10)} with an empty connection, not an error).
 */
final class BackingMapFetcher implements DataFetcher<Object> {

    static final BackingMapFetcher INSTANCE = new BackingMapFetcher();

    private BackingMapFetcher() {
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        if (env.getSource() instanceof Map<?, ?> source) {
            Object value = source.get(env.getFieldDefinition().getName());
            if (value instanceof FieldResolver resolver) {
                return resolver.resolve(env);
            }
            if (value != null) {
                return value;
            }
        }
        return absent(env.getFieldType());
    }

    private static Object absent(GraphQLOutputType type) {
        boolean nonNull = type instanceof GraphQLNonNull;
        GraphQLOutputType unwrapped = nonNull ? (GraphQLOutputType) ((GraphQLNonNull) type).getWrappedType() : type;
        if (unwrapped instanceof GraphQLList) {
            return List.of();
        }
        if (unwrapped instanceof GraphQLObjectType object) {
            if (ConnectionPager.isConnectionType(object)) {
                return ConnectionPager.emptyConnection();
            }
            // A required object the simulator does not model: an empty one keeps its parent alive.
            return nonNull ? Map.of("__typename", object.getName()) : null;
        }
        return null;
    }
}
