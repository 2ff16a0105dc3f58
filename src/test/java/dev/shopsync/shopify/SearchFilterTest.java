package dev.shopsync.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SearchFilterTest {

    @Test
    void windowsAreInclusiveQuotedAndWholeSeconds() {
        assertEquals("updated_at:>='2026-01-01T00:00:00Z' AND updated_at:<='2026-01-02T03:04:05Z'",
                SearchFilter.updatedAtWithin(Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-02T03:04:05.999Z")));
        assertEquals("updated_at:<='2026-01-02T03:04:05Z'",
                SearchFilter.updatedAtWithin(null, Instant.parse("2026-01-02T03:04:05Z")));
        assertNull(SearchFilter.updatedAtWithin(null, null));
    }
}
