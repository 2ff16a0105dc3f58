package dev.shopsync.shopify;

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
        return within("updated_at", start, end);
    }

    /**
     * The destroy events of one subject type (e.g. {@code ORDER}) created inside an inclusive window, for the
     * {@code events} query.
     */
    public static String destroyEventsWithin(String subjectType, Instant start, Instant end) {
        String window = within("created_at", start, end);
        return "subject_type:" + subjectType + " AND action:destroy" + (window == null ? "" : " AND " + window);
    }

    private static String within(String field, Instant start, Instant end) {
        StringBuilder query = new StringBuilder();
        if (start != null) {
            query.append(field).append(":>='").append(start.truncatedTo(ChronoUnit.SECONDS)).append("'");
        }
        if (end != null) {
            if (!query.isEmpty()) {
                query.append(" AND ");
            }
            query.append(field).append(":<='").append(end.truncatedTo(ChronoUnit.SECONDS)).append("'");
        }
        return query.isEmpty() ? null : query.toString();
    }
}
