package dev.shopsync.simulator;

import graphql.schema.DataFetchingEnvironment;

/**
 * A value in a backing map that is computed when (and only when) the field is selected, with the field's arguments:
 * connections, and links back to parents that would otherwise make the maps recursive.
 */
@FunctionalInterface
interface FieldResolver {

    Object resolve(DataFetchingEnvironment env);
}
