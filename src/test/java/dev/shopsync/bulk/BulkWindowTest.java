package dev.shopsync.bulk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.shopsync.shopify.SearchFilter;

/** Windows: how they are cut, sized from job durations, and read back from a job's query text. */
class BulkWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static BulkWindowSizer sizer() {
        return new BulkWindowSizer(new BulkConfig() {
            public int chunkLines() {
                return 2000;
            }

            public Instant origin() {
                return Instant.parse("2006-06-01T00:00:00Z");
            }

            public Duration initialWindow() {
                return Duration.ofDays(30);
            }

            public Duration minWindow() {
                return Duration.ofHours(1);
            }

            public Duration maxWindow() {
                return Duration.ofDays(3650);
            }

            public Duration targetJobDuration() {
                return Duration.ofMinutes(10);
            }

            public Duration downloadTimeout() {
                return Duration.ofSeconds(30);
            }

            public Duration downloadIdleTimeout() {
                return Duration.ofSeconds(30);
            }
        });
    }

    @Test
    void aSlowJobShrinksTheNextWindowAFastOneGrowsItBoundedBy4AndTheLimits() {
        BulkWindowSizer sizer = sizer();
        assertEquals(Duration.ofDays(15), sizer.next(Duration.ofDays(30), Duration.ofMinutes(20)));
        assertEquals(Duration.ofDays(60), sizer.next(Duration.ofDays(30), Duration.ofMinutes(5)));
        assertEquals(Duration.ofDays(120), sizer.next(Duration.ofDays(30), Duration.ofSeconds(1)));
        assertEquals(Duration.ofDays(120), sizer.next(Duration.ofDays(30), Duration.ZERO));
        assertEquals(Duration.ofHours(6), sizer.next(Duration.ofDays(1), Duration.ofHours(10)));
        assertEquals(Duration.ofHours(1), sizer.next(Duration.ofHours(2), Duration.ofHours(10)));
        assertEquals(Duration.ofDays(3650), sizer.next(Duration.ofDays(3000), Duration.ofSeconds(1)));
    }

    @Test
    void windowsCoverTheRangeOnceOldestFirstAndEndAtTheUpperBound() {
        Instant upper = T0.plus(Duration.ofDays(50));
        BulkJob job = BulkJob.planned("products", T0, upper, Duration.ofDays(30));
        assertEquals(T0.plus(Duration.ofDays(30)), job.windowEnd());
        job = job.windowDone(Duration.ofDays(40));
        assertEquals(T0.plus(Duration.ofDays(30)), job.windowStart());
        assertEquals(upper, job.windowEnd());
        assertFalse(job.complete());
        job = job.windowDone(Duration.ofDays(40));
        assertTrue(job.complete());
    }

    @Test
    void aJobsWindowIsReadBackFromItsQueryOnlyWhenItIsOurs() {
        String template = "{\n  products(query: \"__WINDOW__\") {\n    edges { node { id } }\n  }\n}";
        Instant end = T0.plus(Duration.ofHours(6));
        String filter = SearchFilter.updatedAtWithin(T0, end);
        String query = template.replace(BulkBackfill.WINDOW_MARK, filter);
        Optional<Instant[]> window = BulkBackfill.windowOf(template, query);
        assertTrue(window.isPresent());
        assertArrayEquals(new Instant[] {T0, end}, window.get());
        assertTrue(BulkBackfill.windowOf(template, query.replace("products", "orders")).isEmpty());
        assertTrue(BulkBackfill.windowOf(template, template.replace(BulkBackfill.WINDOW_MARK, "tag:x")).isEmpty());
        assertTrue(BulkBackfill.windowOf(template, null).isEmpty());
    }
}
