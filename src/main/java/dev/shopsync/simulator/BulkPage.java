package dev.shopsync.simulator;

import graphql.schema.DataFetchingEnvironment;

/**
 * One page of roots in a bulk execution: a bulk query names no {@code first} on its connections, so
 * {@link ConnectionPager} reads this from the GraphQL context instead. The root connection answers
 * {@link ConnectionPager#MAX_PAGE_SIZE} rows after {@link #after()} and reports where it stopped; nested connections
 * answer all their rows. Keeps a bulk run's memory to one page of roots however big the shop is.
 */
final class BulkPage {

    static final String CONTEXT_KEY = BulkPage.class.getName();

    private final String after;
    private String endCursor;
    private boolean hasNextPage;

    BulkPage(String after) {
        this.after = after;
    }

    /** The bulk page of this execution, or null for an ordinary request. */
    static BulkPage of(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(CONTEXT_KEY);
    }

    static boolean isRoot(DataFetchingEnvironment env) {
        return env.getExecutionStepInfo().getPath().getLevel() == 1;
    }

    String after() {
        return after;
    }

    void reached(String endCursor, boolean hasNextPage) {
        this.endCursor = endCursor;
        this.hasNextPage = hasNextPage;
    }

    String endCursor() {
        return endCursor;
    }

    /** False as well when the root connection was not paged at all (a field the simulator does not model). */
    boolean hasNextPage() {
        return hasNextPage;
    }
}
