package dev.shopsync.sync;

import java.util.List;

/**
 * The GraphQL shape of one resource family, as the generic syncer needs it.
 *
 * @param connection the QueryRoot connection field, e.g. {@code products}
 * @param entity     the GID type, e.g. {@code Product}
 * @param page       operation paging an updated_at window (variables first, after, query, the nested firsts)
 * @param ids        operation paging the id set (variables first, after)
 * @param byIds      operation fetching whole nodes by id (variables ids, the nested firsts)
 * @param filtered   whether the page operation takes an updated_at {@code query} (small lists are read whole)
 * @param sorted     whether pages come in (updated_at, id) order (some connections only sort by id)
 * @param nested     the connections inside each node that are read to their end, none for flat resources
 */
public record ResourceQueries(String connection, String entity, String page, String ids, String byIds,
        boolean filtered, boolean sorted, List<NestedList> nested) {

    public ResourceQueries {
        nested = List.copyOf(nested);
    }

}
