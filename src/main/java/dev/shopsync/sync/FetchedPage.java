package dev.shopsync.sync;

import java.util.List;

/**
 * One page of a resource as fetched from Shopify, complete (nested lists included) and not yet persisted.
 *
 * @param rows         rows in Shopify's order (updated_at, id)
 * @param endCursor    cursor after this page
 * @param hasNextPage  whether the window has more pages
 * @param costSpent    actual cost of every request the page took
 * @param throttledMs  time spent waiting on Shopify's flow control
 * @param requests     GraphQL requests the page took
 * @param requestMs    time spent in HTTP exchanges for the page
 * @param absentIds    of a read by ids: those Shopify answered {@code null} for (it has no such object)
 */
public record FetchedPage<R extends SyncedRow>(List<R> rows, String endCursor, boolean hasNextPage, int costSpent,
        long throttledMs, int requests, long requestMs, List<Long> absentIds) {

    public FetchedPage(List<R> rows, String endCursor, boolean hasNextPage, int costSpent, long throttledMs,
            int requests, long requestMs) {
        this(rows, endCursor, hasNextPage, costSpent, throttledMs, requests, requestMs, List.of());
    }
}
