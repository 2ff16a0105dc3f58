package dev.shopsync.sync;

/** Running totals of one slice. */
final class SliceProgress {
    int pages;
    int records;
    int cost;
    long throttledMs;
    long requestMs;

    void add(FetchedPage<?> page, int written) {
        pages++;
        records += written;
        cost += page.costSpent();
        throttledMs += page.throttledMs();
        requestMs += page.requestMs();
    }

    /** Requests made on behalf of the current page (its records are counted by the caller). */
    void addFollowUp(FetchedPage<?> page) {
        cost += page.costSpent();
        throttledMs += page.throttledMs();
        requestMs += page.requestMs();
    }
}
