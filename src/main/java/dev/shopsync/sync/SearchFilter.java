package dev.shopsync.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Shopify search syntax for {@code query:} arguments. */
public final class SearchFilter {

    private SearchFilter() {
    }

    /**
     * An inclusive {@code updated_at} window. Shopify's search has second precision and treats {@code >} as
     * {@code >=} anyway, so both bounds are written inclusively and the engine skips rows it already has.
     */
    public static String updatedAtWithin(Instant start, Instant end) {
        StringBuilder query = new StringBuilder();
        if (start != null) {
            query.append("updated_at:>='").append(start.truncatedTo(ChronoUnit.SECONDS)).append("'");
        }
        if (end != null) {
            if (!query.isEmpty()) {
                query.append(" AND ");
            }
            query.append("updated_at:<='").append(end.truncatedTo(ChronoUnit.SECONDS)).append("'");
        }
        return query.isEmpty() ? null : query.toString();
    }
}
