package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CatalogGeneratorTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theSameSpecGivesTheSameTruth() {
        CatalogSpec spec = new CatalogSpec(42, 500, BASE, 100);
        List<ProductTruth> first = CatalogGenerator.generate(spec).products();
        List<ProductTruth> second = CatalogGenerator.generate(spec).products();
        assertEquals(first, second);
        assertNotEquals(first, CatalogGenerator.generate(new CatalogSpec(43, 500, BASE, 100)).products());
    }

    @Test
    void idsAreAboveTwoToTheFiftyThirdAndGrowWithCreation() {
        List<ProductTruth> products = CatalogGenerator.generate(new CatalogSpec(7, 1_000, BASE, 0)).products();
        long doubleLimit = 1L << 53;
        Set<Long> variantIds = new HashSet<>();
        long corruptedByDouble = products.stream().filter(p -> (long) (double) p.id() != p.id()).count();
        assertTrue(corruptedByDouble > products.size() / 3, "a client parsing ids as double must break");
        for (int i = 0; i < products.size(); i++) {
            ProductTruth p = products.get(i);
            assertTrue(p.id() > doubleLimit);
            assertEquals("gid://shopify/Product/" + p.id(), p.gid());
            if (i > 0) {
                assertTrue(p.id() > products.get(i - 1).id());
                assertTrue(!p.createdAt().isBefore(products.get(i - 1).createdAt()));
            }
            for (VariantTruth v : p.variants()) {
                assertTrue(v.id() > doubleLimit);
                assertTrue(variantIds.add(v.id()), "variant ids are unique");
                assertEquals("gid://shopify/ProductVariant/" + v.id(), v.gid());
            }
        }
    }

    @Test
    void timestampsAreWholeSecondsInsideTheWindow() {
        Instant from = BASE.minus(Duration.ofDays(400));
        Instant to = BASE.minus(Duration.ofHours(1));
        for (ProductTruth p : CatalogGenerator.generate(new CatalogSpec(3, 800, BASE, 50)).products()) {
            assertEquals(0, p.createdAt().getNano());
            assertEquals(0, p.updatedAt().getNano());
            assertTrue(!p.createdAt().isBefore(from) && !p.updatedAt().isAfter(to));
            assertTrue(!p.updatedAt().isBefore(p.createdAt()));
            for (VariantTruth v : p.variants()) {
                assertTrue(!v.createdAt().isBefore(p.createdAt()) && !v.updatedAt().isAfter(p.updatedAt()));
                assertTrue(!v.updatedAt().isBefore(v.createdAt()));
            }
        }
    }

    @Test
    void variantCountsAreSkewedSmallWithLargeProductsOnRequest() {
        List<ProductTruth> products = CatalogGenerator.generate(new CatalogSpec(11, 3_000, BASE, 100)).products();
        int upToTen = 0;
        for (int i = 0; i < products.size(); i++) {
            ProductTruth p = products.get(i);
            int n = p.variants().size();
            if ((i + 1) % 100 == 0) {
                assertTrue(n >= 251 && n <= 600, "every 100th product has more than one page of variants: " + n);
            } else {
                assertTrue(n >= 1 && n <= 100);
                upToTen += n <= 10 ? 1 : 0;
            }
            Set<String> titles = new HashSet<>();
            for (int k = 0; k < n; k++) {
                assertEquals(k + 1, p.variants().get(k).position());
                assertTrue(titles.add(p.variants().get(k).title()), "variant titles are distinct options");
            }
        }
        assertTrue(upToTen > products.size() * 0.7, "most products have at most 10 variants: " + upToTen);
    }

    @Test
    void aboutOneProductInTenSharesItsUpdatedAtSecond() {
        List<ProductTruth> products = CatalogGenerator.generate(new CatalogSpec(5, 3_000, BASE, 0)).products();
        Map<Instant, Integer> perSecond = new HashMap<>();
        products.forEach(p -> perSecond.merge(p.updatedAt(), 1, Integer::sum));
        long sharing = products.stream().filter(p -> perSecond.get(p.updatedAt()) > 1).count();
        assertTrue(sharing >= 150 && sharing <= 500, "products sharing an updated_at second: " + sharing);
    }

    @Test
    void threeThousandProductsGenerateWellUnderASecond() {
        CatalogGenerator.generate(new CatalogSpec(1, 3_000, BASE, 100)); // warm up the JIT a little
        long start = System.nanoTime();
        CatalogGenerator.generate(new CatalogSpec(2, 3_000, BASE, 100));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 500, "took " + millis + " ms");
    }
}
