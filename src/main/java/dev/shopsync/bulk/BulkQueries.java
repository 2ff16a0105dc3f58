package dev.shopsync.bulk;

import java.util.Optional;

/**
 * What a resource's backfill asks Shopify.
 *
 * @param resource       the resource name, as in slice requests
 * @param connection     the QueryRoot connection both documents read, e.g. {@code products}
 * @param bulkDocument   the bulk query ({@code shopify/queries/<name>.graphql}); {@code __WINDOW__} marks the filter
 * @param oldestDocument the query answering the oldest {@code updatedAt} ({@code <connection>.nodes[0].updatedAt});
 *                       empty when the connection cannot sort by it, and the backfill starts at
 *                       {@code shopsync.bulk.origin}
 */
public record BulkQueries(String resource, String connection, String bulkDocument, Optional<String> oldestDocument) {
}
