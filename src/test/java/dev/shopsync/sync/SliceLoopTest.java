package dev.shopsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.shopsync.shop.AccessToken;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.state.Cursor;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;

/**
 * The page loop's decisions without a server: a scripted mode on a clock the test moves. Budget, deadline, a cut
 * page given back, resume points and failure records are checked exactly, in milliseconds.
 */
class SliceLoopTest {

    private static final ShopConnection SHOP = new ShopConnection("loop.myshopify.com", "2026-10",
            URI.create("http://127.0.0.1:1"), new AccessToken("shpat_loop"));
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final MovingClock clock = new MovingClock();
    private final RecordedRuns recorded = new RecordedRuns();
    private final SliceLoop loop = new SliceLoop(new SliceRuns(recorded, clock));

    @Test
    void thePageBudgetEndsTheSliceAfterItsLastCommittedPage() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(300));

        SliceResult result = loop.run(SHOP, 7, "products", mode, 3, Deadline.after(Duration.ofMinutes(1), clock), T0);

        assertEquals(SliceOutcome.BUDGET_SPENT, result.outcome());
        assertEquals(3, result.pages());
        assertEquals(30, result.records());
        assertEquals(3 * 5, result.costSpent());
        assertEquals(900, result.requestMs());
        assertEquals(mode.cursorAfter(3), result.cursor());
        assertTrue(result.hasMore(), "the window is still open");
        assertEquals(1, recorded.results.size());
        assertSame(result, recorded.results.get(0));
        assertEquals(mode.start, recorded.befores.get(0));
        assertNull(recorded.errors.get(0));
    }

    @Test
    void aPageIsNotStartedWhenTheSlowestPageSoFarWouldNotFinishBeforeTheDeadline() {
        // pages take 1 s, then one takes 2.5 s: with 5.9 s, pages end at 1, 2, 4.5 s; 4.5 + 2.5 > 5.9
        ScriptedMode mode = new ScriptedMode(100, Duration.ofSeconds(1));
        mode.slowPage(3, Duration.ofMillis(2500));

        SliceResult result = loop.run(SHOP, 7, "products", mode, 50, Deadline.after(Duration.ofMillis(5900), clock),
                T0);

        assertEquals(SliceOutcome.DEADLINE, result.outcome());
        assertEquals(3, result.pages());
        assertEquals(mode.cursorAfter(3), result.cursor());
        assertEquals(3, mode.fetched, "no fourth page was begun");
    }

    @Test
    void noPageIsBegunWhenTheFirstPageEstimateDoesNotFit() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(10));

        SliceResult result = loop.run(SHOP, 7, "products", mode, 50,
                Deadline.after(SliceLoop.FIRST_PAGE_ESTIMATE.minusMillis(1), clock), T0);

        assertEquals(SliceOutcome.DEADLINE, result.outcome());
        assertEquals(0, result.pages());
        assertEquals(0, mode.fetched);
        assertEquals(mode.start, result.cursor(), "still where it started");
    }

    @Test
    void aPageCutByTheDeadlineIsGivenBackAndTheCursorStaysOnTheLastCommittedOne() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(100));
        mode.deadlineAt(3);

        SliceResult result = loop.run(SHOP, 7, "products", mode, 50, Deadline.after(Duration.ofMinutes(1), clock),
                T0);

        assertEquals(SliceOutcome.DEADLINE, result.outcome());
        assertEquals(2, result.pages());
        assertEquals(mode.cursorAfter(2), result.cursor());
        assertEquals(1, mode.abandoned);
    }

    @Test
    void theLastPageCompletesTheSliceAndAnEmptySourceToo() {
        ScriptedMode pages = new ScriptedMode(2, Duration.ofMillis(100));
        SliceResult result = loop.run(SHOP, 7, "products", pages, 50, Deadline.after(Duration.ofMinutes(1), clock),
                T0);
        assertEquals(SliceOutcome.COMPLETED, result.outcome());
        assertEquals(2, result.pages());
        assertFalse(result.hasMore());

        ScriptedMode empty = new ScriptedMode(0, Duration.ofMillis(100));
        SliceResult none = loop.run(SHOP, 7, "products", empty, 50, Deadline.after(Duration.ofMinutes(1), clock), T0);
        assertEquals(SliceOutcome.COMPLETED, none.outcome());
        assertEquals(0, none.pages());
    }

    @Test
    void anUpToDateStreamFetchesNothingAndRecordsWhereItStands() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(100));
        mode.upToDate = true;

        SliceResult result = loop.run(SHOP, 7, "products", mode, 50, Deadline.after(Duration.ofMinutes(1), clock),
                T0);

        assertEquals(SliceOutcome.UP_TO_DATE, result.outcome());
        assertEquals(0, mode.fetched);
        assertEquals(mode.start, result.cursor());
        assertEquals(mode.start, recorded.befores.get(0));
    }

    @Test
    void aModeWithNothingToDoIsCompleteEvenWithNoTimeLeft() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(100));
        mode.done = true;
        mode.noCursor = true;

        SliceResult result = loop.run(SHOP, 7, "shop", mode, 50, Deadline.after(Duration.ZERO, clock), T0);

        assertEquals(SliceOutcome.COMPLETED, result.outcome());
        assertEquals(0, mode.fetched);
        assertFalse(result.hasMore());
    }

    @Test
    void aFailureIsRecordedWithWhatCommittedBeforeItAndThePageIsGivenBack() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(100));
        mode.failAt(3, new IllegalStateException("shop answered nonsense"));
        mode.abandonFails = true;

        SliceFailedException thrown = assertThrows(SliceFailedException.class, () -> loop.run(SHOP, 7, "products",
                mode, 50, Deadline.after(Duration.ofMinutes(1), clock), T0));

        assertEquals("shop answered nonsense", thrown.getCause().getMessage());
        assertEquals(1, thrown.getCause().getSuppressed().length, "the failed give-back travels with the error");
        SliceResult failed = recorded.results.get(0);
        assertEquals(SliceOutcome.FAILED, failed.outcome());
        assertEquals(2, failed.pages());
        assertEquals(20, failed.records());
        assertEquals(mode.cursorAfter(2), failed.cursor());
        assertTrue(failed.hasMore());
        assertEquals("IllegalStateException: shop answered nonsense", recorded.errors.get(0));
        assertEquals(1, mode.abandoned);
    }

    @Test
    void aModeWithoutACursorReportsNoneAndSaysItselfWhetherMoreIsLeft() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(100));
        mode.noCursor = true;

        SliceResult result = loop.run(SHOP, 7, "products", mode, 2, Deadline.after(Duration.ofMinutes(1), clock), T0);

        assertEquals(SliceOutcome.BUDGET_SPENT, result.outcome());
        assertNull(result.cursor());
        assertTrue(result.hasMore());
    }

    @Test
    void aPageThatSaysShopifyIsStillWorkingEndsTheSliceWaitingWithMoreToCome() {
        ScriptedMode mode = new ScriptedMode(100, Duration.ofMillis(100));
        mode.noCursor = true;
        mode.waitingAfter = 2;

        SliceResult result = loop.run(SHOP, 7, "products", mode, Integer.MAX_VALUE,
                Deadline.after(Duration.ofMinutes(1), clock), T0);

        assertEquals(SliceOutcome.WAITING, result.outcome());
        assertEquals(2, result.pages());
        assertEquals(20, result.records());
        assertTrue(result.hasMore());
        assertEquals(2, mode.fetched, "nothing fetched after the waiting page");
        assertEquals(0, mode.abandoned);
        assertEquals(1, mode.closed);
    }

    @Test
    void whatAModeHoldsOpenIsClosedHoweverTheSliceEnds() {
        ScriptedMode budget = new ScriptedMode(100, Duration.ofMillis(100));
        loop.run(SHOP, 7, "products", budget, 2, Deadline.after(Duration.ofMinutes(1), clock), T0);
        ScriptedMode cut = new ScriptedMode(100, Duration.ofMillis(100));
        cut.deadlineAt(2);
        loop.run(SHOP, 7, "products", cut, 50, Deadline.after(Duration.ofMinutes(1), clock), T0);
        ScriptedMode failing = new ScriptedMode(100, Duration.ofMillis(100));
        failing.failAt(2, new IllegalStateException("PostgreSQL is down"));
        assertThrows(SliceFailedException.class, () -> loop.run(SHOP, 7, "products", failing, 50,
                Deadline.after(Duration.ofMinutes(1), clock), T0));
        ScriptedMode upToDate = new ScriptedMode(100, Duration.ofMillis(100));
        upToDate.upToDate = true;
        loop.run(SHOP, 7, "products", upToDate, 50, Deadline.after(Duration.ofMinutes(1), clock), T0);

        assertEquals(List.of(1, 1, 1, 1), List.of(budget.closed, cut.closed, failing.closed, upToDate.closed));
    }

    /** A source of {@code total} pages of 10 records each; every page moves the clock by its duration. */
    private final class ScriptedMode implements SliceMode {
        final Cursor start = new Cursor(T0, 0L, T0, T0.plusSeconds(3600), null);
        private final int total;
        private final Duration pageTime;
        private int slowPage = -1;
        private Duration slowTime;
        private int deadlinePage = -1;
        private int failPage = -1;
        private RuntimeException failure;
        boolean upToDate;
        boolean done;
        boolean noCursor;
        boolean abandonFails;
        int fetched;
        int abandoned;
        int closed;
        /** The page after which Shopify is still working (the slice ends WAITING); none when -1. */
        int waitingAfter = -1;

        ScriptedMode(int total, Duration pageTime) {
            this.total = total;
            this.pageTime = pageTime;
        }

        void slowPage(int page, Duration time) {
            slowPage = page;
            slowTime = time;
        }

        void deadlineAt(int page) {
            deadlinePage = page;
        }

        void failAt(int page, RuntimeException e) {
            failPage = page;
            failure = e;
        }

        Cursor cursorAfter(int page) {
            return start.afterPage(T0.plusSeconds(page), (long) page, "page-" + page, page < total);
        }

        @Override
        public String name() {
            return "incremental";
        }

        @Override
        public String stream() {
            return "products";
        }

        @Override
        public Start begin() {
            return upToDate ? Start.upToDate(start) : done ? Start.done(start) : Start.at(start, start);
        }

        @Override
        public Optional<Page> next(Cursor cursor, Deadline deadline) {
            int page = fetched + 1;
            if (page > total) {
                return Optional.empty();
            }
            if (page == deadlinePage) {
                throw new DeadlineReachedException("loop.myshopify.com", Duration.ofSeconds(1), Duration.ZERO);
            }
            if (page == failPage) {
                throw failure;
            }
            Duration took = page == slowPage ? slowTime : pageTime;
            clock.advance(took);
            fetched = page;
            if (page == waitingAfter) {
                return Optional.of(new Page(cursorAfter(page), 10, 5, 0, took.toMillis(), SliceOutcome.WAITING));
            }
            return Optional.of(new Page(cursorAfter(page), 10, 5, 0, took.toMillis(), page == total));
        }

        @Override
        public boolean hasMore(SliceOutcome outcome, Cursor cursor) {
            return noCursor ? outcome != SliceOutcome.COMPLETED : cursor.windowOpen();
        }

        @Override
        public Cursor reported(Cursor cursor) {
            return noCursor ? null : cursor;
        }

        @Override
        public void abandoned() {
            abandoned++;
            if (abandonFails) {
                throw new IllegalStateException("Redis is down");
            }
        }

        @Override
        public void close() {
            closed++;
        }
    }

    /** The sync_run rows the loop asked for, in order. */
    private static final class RecordedRuns extends SyncRunRecorder {
        final List<SliceResult> results = new ArrayList<>();
        final List<Cursor> befores = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        RecordedRuns() {
            super(null, null);
        }

        @Override
        public void record(long shopId, Instant startedAt, Instant endedAt, SliceResult result, Cursor before,
                String error) {
            results.add(result);
            befores.add(before);
            errors.add(error);
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
