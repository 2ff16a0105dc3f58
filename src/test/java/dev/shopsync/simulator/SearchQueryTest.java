package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SearchQueryTest {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    private static ProductTruth product(long id, Instant updatedAt) {
        VariantTruth v = new VariantTruth(id + 1, VariantTruth.gidOf(id + 1), "Default Title", "SKU-1", "10.00", null,
                3, 1, updatedAt, updatedAt);
        return new ProductTruth(id, ProductTruth.gidOf(id), "Rustic Steel Chair", "rustic-steel-chair", "ACTIVE",
                "Northwind", "Furniture", List.of("Sale", "Winter"), updatedAt, updatedAt, List.of(v));
    }

    @Test
    void strictComparisonsAreInclusiveLikeShopify() {
        ProductTruth p = product(10, T);
        assertTrue(SearchQuery.parse("updated_at:>'2026-01-01T12:00:00Z'").matches(p));
        assertTrue(SearchQuery.parse("updated_at:<'2026-01-01T12:00:00Z'").matches(p));
        assertTrue(SearchQuery.parse("updated_at:>=2026-01-01T12:00:00Z").matches(p));
        assertFalse(SearchQuery.parse("updated_at:>'2026-01-01T12:00:01Z'").matches(p));
        assertFalse(SearchQuery.parse("updated_at:<=\"2026-01-01T11:59:59Z\"").matches(p));
        assertTrue(SearchQuery.parse("updated_at:'2026-01-01T12:00:00Z'").matches(p));
        assertTrue(SearchQuery.parse("updated_at:2026-01-01").matches(p));
    }

    @Test
    void termsJoinWithAndOrWhitespace() {
        ProductTruth p = product(10, T);
        assertTrue(SearchQuery.parse("updated_at:>='2026-01-01T00:00:00Z' AND updated_at:<='2026-01-02T00:00:00Z'")
                .matches(p));
        assertFalse(SearchQuery.parse("updated_at:>='2026-01-01T00:00:00Z' updated_at:<='2026-01-01T06:00:00Z'")
                .matches(p));
        assertTrue(SearchQuery.parse("created_at:>=2025-12-31 id:>10").matches(p));
        assertFalse(SearchQuery.parse("id:>11").matches(p));
        assertTrue(SearchQuery.parse("status:draft OR tag:sale").matches(p));
        assertFalse(SearchQuery.parse("-tag:sale").matches(p));
        assertTrue(SearchQuery.parse("vendor:northwind chair").matches(p));
        assertTrue(SearchQuery.parse("no_such_field:1").matches(p), "unknown fields are ignored");
    }

    @Test
    void onlyANonBlankQueryIsFiltered() {
        assertFalse(SearchQuery.parse(null).isFiltered());
        assertFalse(SearchQuery.parse("  ").isFiltered());
        assertTrue(SearchQuery.parse("id:>1").isFiltered());
    }
}
