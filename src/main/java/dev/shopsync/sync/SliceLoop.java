package dev.shopsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;

/**
 * The one page loop every paged slice runs ({@link SliceMode} says what a page is): stop at the page budget, or
 * before a page that would not finish by the deadline, always between pages; a page cut by the deadline is given
 * back and the slice ends {@code DEADLINE}; a page may end the slice ({@code COMPLETED}, or {@code WAITING} for
 * Shopify); each page's cursor is reported only once its mode committed it; the result, success or failure, is
 * recorded in {@code sync_run}.
 */
@ApplicationScoped
public class SliceLoop {

    /** Assumed duration of the first page of a slice, before one has been measured. */
    static final Duration FIRST_PAGE_ESTIMATE = Duration.ofSeconds(2);

    private final SliceRuns runs;

    public SliceLoop(SliceRuns runs) {
        this.runs = runs;
    }

    SliceResult run(ShopConnection shop, long shopId, String resource, SliceMode mode, int maxPages,
            Deadline deadline, Instant started) {
        SliceProgress progress = new SliceProgress();
        Cursor before = null;
        Cursor cursor = null;
        try {
            SliceMode.Start start = mode.begin();
            before = start.before();
            if (start.from().isEmpty()) {
                return runs.finish(shop, shopId, resource, mode, started, before, before, progress,
                        start.outcome());
            }
            cursor = start.from().get();
            SliceOutcome outcome;
            // Budget waits are bounded by the deadline on their own; the estimate is about Shopify's latency.
            Duration pageEstimate = FIRST_PAGE_ESTIMATE;
            while (true) {
                if (progress.pages >= maxPages) {
                    outcome = SliceOutcome.BUDGET_SPENT;
                    break;
                }
                if (!deadline.allows(pageEstimate, Duration.ZERO)) {
                    outcome = SliceOutcome.DEADLINE;
                    break;
                }
                Optional<SliceMode.Page> page;
                try {
                    page = mode.next(cursor, deadline);
                } catch (DeadlineReachedException e) {
                    mode.abandoned();
                    outcome = SliceOutcome.DEADLINE;
                    break;
                }
                if (page.isEmpty()) {
                    outcome = SliceOutcome.COMPLETED;
                    break;
                }
                cursor = page.get().after();
                progress.add(page.get());
                Duration took = Duration.ofMillis(page.get().requestMs());
                pageEstimate = took.compareTo(pageEstimate) > 0 || progress.pages == 1 ? took : pageEstimate;
                if (page.get().stop() != null) {
                    outcome = page.get().stop();
                    break;
                }
            }
            return runs.finish(shop, shopId, resource, mode, started, before, cursor, progress, outcome);
        } catch (RuntimeException e) {
            try {
                mode.abandoned();
            } catch (RuntimeException giveBackFailed) {
                // Redis may be what failed: what the page took stays in flight for the next slice to recover
                e.addSuppressed(giveBackFailed);
            }
            throw runs.failed(shop, shopId, resource, mode.name(), mode.stream(), started, before,
                    cursor == null ? null : mode.reported(cursor), progress, e);
        } finally {
            mode.close();
        }
    }
}
