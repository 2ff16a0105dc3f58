package dev.shopsync.sync;

/**
 * The GraphQL shape of one resource family, as the generic syncer needs it.
 *
 * @param connection     the QueryRoot connection field, e.g. {@code products}
 * @param entity         the GID type, e.g. {@code Product}
 * @param page           operation paging an updated_at window (variables first, after, query, nested first)
 * @param ids            operation paging the id set (variables first, after)
 * @param byIds          operation fetching whole nodes by id (variables ids, nested first)
 * @param filtered       whether the page operation takes an updated_at {@code query} (small lists are read whole)
 * @param sorted         whether pages come in (updated_at, id) order (some connections only sort by id)
 * @param nested         the nested connection field completed page by page, or null
 * @param nestedFirst    the variable sizing it inline
 * @param nestedPage     operation paging one parent's nested list (variables id, first, after), or null
 * @param nestedParent   the field holding the parent in that operation's answer, e.g. {@code product}
 */
public record ResourceQueries(String connection, String entity, String page, String ids, String byIds,
        boolean filtered, boolean sorted, String nested, String nestedFirst, String nestedPage, String nestedParent) {
}
