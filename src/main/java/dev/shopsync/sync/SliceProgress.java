package dev.shopsync.sync;

/** Running totals of one slice. */
final class SliceProgress {
    int pages;
    int records;
    int cost;
    long throttledMs;
    long requestMs;

    void add(SliceMode.Page page) {
        pages++;
        records += page.records();
        cost += page.cost();
        throttledMs += page.throttledMs();
        requestMs += page.requestMs();
    }
}
