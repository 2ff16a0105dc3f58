package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.BIG_SHOP;
import static dev.shopsync.support.SliceInvoker.invokeRaw;
import static dev.shopsync.support.SliceInvoker.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.persistence.ProductEntity;
import dev.shopsync.persistence.ProductVariantEntity;
import dev.shopsync.persistence.ShopScopedKey;
import dev.shopsync.simulator.ProductTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.simulator.VariantTruth;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.state.StreamOffsets;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.TestData;
import dev.shopsync.sync.product.ProductPageWriter;
import dev.shopsync.sync.product.ProductRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import dev.shopsync.support.SliceInvoker;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The walking skeleton's acceptance: a 3,000-product shop synced through repeated sync-slice invocations
 * (the Lambda mock event server) ends equal to the simulator's truth, and stays equal through edits,
 * crashes inside persistence, one-page budgets and a lost Redis.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProductSyncTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    CursorStore cursors;

    @Inject
    StreamOffsets offsets;

    @Inject
    DataSource dataSource;

    @Inject
    dev.shopsync.change.Changes changes;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @BeforeEach
    void cleanShop() {
        data.reset(BIG_SHOP);
    }

    @Test
    void fullSyncThroughRepeatedSlicesThenExactlyTheEditedProducts() {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        assertTrue(shop.products().stream().anyMatch(p -> p.variants().size() > 250),
                "the seeded catalog must contain products with more than 250 variants");

        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long statementsBefore = statistics.getPrepareStatementCount();
        int invocations = syncToEnd(4);
        long statements = statistics.getPrepareStatementCount() - statementsBefore;

        assertTrue(invocations > 1, "a full sync must take several bounded slices, took " + invocations);
        // per slice: the shop's active flag and the sync_run row; nothing per product
        assertTrue(statements <= 2L * invocations, "Hibernate statements grow with slices, not rows (no N+1): "
                + statements + " for " + invocations + " slices");
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BIG_SHOP));
        long variants = shop.products().stream().mapToLong(p -> p.variants().size()).sum();
        assertEquals(variants, data.count("SELECT count(*) FROM product_variant WHERE shop_id = ? "
                + "AND deleted_at IS NULL", data.shopId(BIG_SHOP)));

        assertReadModelMatches(shop.products().stream()
                .max(java.util.Comparator.comparingInt(p -> p.variants().size())).orElseThrow());

        List<Long> edited = shop.editProducts(137, SimulatorResource.recently());
        assertEquals(137, edited.size());

        JsonPath incremental = slice(BIG_SHOP, null);
        assertEquals(137, incremental.getInt("records"));
        assertEquals(1, incremental.getInt("pages"));
        assertFalse(incremental.getBoolean("hasMore"));
        assertEquals("COMPLETED", incremental.getString("outcome"));
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BIG_SHOP));

        JsonPath idle = slice(BIG_SHOP, null);
        assertEquals(0, idle.getInt("records"), "nothing changed, nothing may be fetched as new");
        assertEquals(1, data.count("SELECT count(*) FROM sync_freshness WHERE shop = ? AND resource = 'products' "
                + "AND last_complete_at IS NOT NULL AND lag < interval '1 minute' AND last_failure_at IS NULL",
                BIG_SHOP), "the freshness view shows the table complete as of now");
    }

    @Test
    void onePagePerSliceNeverMovesTheCursorPastCommittedData() {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        Map<Long, String> truth = TestData.truthChecksums(shop);
        int invocations = 0;
        boolean hasMore = true;
        while (hasMore) {
            JsonPath result = slice(BIG_SHOP, 1);
            invocations++;
            assertTrue(result.getInt("pages") <= 1);
            hasMore = result.getBoolean("hasMore");
            Cursor cursor = cursors.load(BIG_SHOP, "products").orElseThrow();
            assertEquals(expectedBelow(shop, truth, cursor), storedBelow(cursor),
                    "after slice " + invocations + " every product at or below the watermark is stored, as is");
        }
        assertTrue(invocations >= 12, "3,000 products in pages of 250 take at least 12 slices");
        assertEquals(truth, data.databaseChecksums(BIG_SHOP));
    }

    @Test
    void crashInsidePersistenceKeepsTheCursorAndLosesNothing() throws Exception {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        slice(BIG_SHOP, 2);
        Cursor before = cursors.load(BIG_SHOP, "products").orElseThrow();
        long storedBefore = data.count("SELECT count(*) FROM product WHERE shop_id = ?", data.shopId(BIG_SHOP));
        long variantsBefore = data.count("SELECT count(*) FROM product_variant WHERE shop_id = ?",
                data.shopId(BIG_SHOP));

        QuarkusMock.installMockForType(new CrashingWriter(dataSource, changes), ProductPageWriter.class);
        Response crashed = invokeRaw(Map.of("shop", BIG_SHOP, "resource", "products"));
        assertNotEquals(200, crashed.statusCode(), crashed.asString());
        assertTrue(crashed.asString().contains("simulated crash"), crashed.asString());

        assertEquals(before, cursors.load(BIG_SHOP, "products").orElseThrow(), "the cursor must not move");
        assertEquals(before, offsets.load(data.shopId(BIG_SHOP), "products").orElseThrow(),
                "nor its committed offset");
        assertEquals(storedBefore, data.count("SELECT count(*) FROM product WHERE shop_id = ?",
                data.shopId(BIG_SHOP)), "the crashed page must be rolled back");
        assertEquals(variantsBefore, data.count("SELECT count(*) FROM product_variant WHERE shop_id = ?",
                data.shopId(BIG_SHOP)));
        assertEquals(1, data.count("SELECT count(*) FROM sync_run WHERE shop_id = ? AND outcome = 'FAILED' "
                + "AND error LIKE '%simulated crash%'", data.shopId(BIG_SHOP)));

        QuarkusMock.installMockForType(new ProductPageWriter(dataSource, changes), ProductPageWriter.class);
        syncToEnd(6);
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BIG_SHOP));
        assertEquals(shop.products().size(), data.count("SELECT count(*) FROM product WHERE shop_id = ?",
                data.shopId(BIG_SHOP)), "no duplicates and no leftovers");
    }

    @Test
    void lostRedisStateIsRebuiltFromPostgresAndConverges() {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        slice(BIG_SHOP, 3);
        slice(BIG_SHOP, 3);
        Cursor committed = cursors.load(BIG_SHOP, "products").orElseThrow();

        data.deleteRedisKeys(BIG_SHOP);
        JsonPath rebuilt = slice(BIG_SHOP, 1);
        assertEquals(1, rebuilt.getInt("pages"));
        String cursorBefore = lastRunCursorBefore();
        assertEquals(committed, readCursor(cursorBefore),
                "rebuilt from the offset committed in PostgreSQL with the last page, was " + cursorBefore);

        syncToEnd(5);
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BIG_SHOP));
    }

    @Test
    void reconciliationSoftDeletesWhatShopifyDeletedAndFetchesWhatIsMissing() {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        syncToEnd(20);
        long shopId = data.shopId(BIG_SHOP);
        List<Long> deleted = shop.deleteProducts(30, SimulatorResource.recently());
        // rows lost on our side (say, a slice that never ran) must come back too
        List<Long> lost = shop.products().stream().skip(100).limit(5).map(ProductTruth::id).toList();
        for (Long id : lost) {
            data.count("WITH v AS (DELETE FROM product_variant WHERE shop_id = " + shopId + " AND product_id = "
                    + id + " RETURNING 1), p AS (DELETE FROM product WHERE shop_id = " + shopId + " AND id = " + id
                    + " RETURNING 1) SELECT count(*) FROM v");
        }

        int records = 0;
        boolean hasMore = true;
        while (hasMore) {
            JsonPath result = SliceInvoker.slice(Map.of("shop", BIG_SHOP, "resource", "products", "mode",
                    "reconcile", "maxPages", 5));
            assertEquals("reconcile", result.getString("mode"));
            records += result.getInt("records");
            hasMore = result.getBoolean("hasMore");
        }

        assertEquals(35, records, "30 soft-deleted + 5 fetched back");
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BIG_SHOP));
        assertEquals(30, data.count("SELECT count(*) FROM product WHERE shop_id = ? AND deleted_at IS NOT NULL",
                shopId));
        assertEquals(0, data.count("SELECT count(*) FROM product_variant v JOIN product p ON p.shop_id = v.shop_id "
                + "AND p.id = v.product_id WHERE v.shop_id = ? AND p.deleted_at IS NOT NULL AND v.deleted_at IS NULL",
                shopId), "variants of deleted products are deleted with them");
        assertEquals(deleted.size(), data.count("SELECT count(*) FROM product WHERE shop_id = ? AND id = ANY(?) "
                + "AND deleted_at IS NOT NULL", shopId, deleted.stream().mapToLong(Long::longValue).toArray()));

        JsonPath again = SliceInvoker.slice(Map.of("shop", BIG_SHOP, "resource", "products", "mode", "reconcile"));
        assertEquals(0, again.getInt("records"), "a second pass finds nothing to do");
    }

    /** The Panache read model sees the typed columns, the text[] tags and the jsonb node as written. */
    private void assertReadModelMatches(ProductTruth truth) {
        long shopId = data.shopId(BIG_SHOP);
        QuarkusTransaction.requiringNew().run(() -> {
            ProductEntity product = ProductEntity.findById(new ShopScopedKey(shopId, truth.id()));
            assertEquals(truth.title(), product.title);
            assertEquals(truth.tags(), List.of(product.tags));
            assertEquals(truth.updatedAt(), product.updatedAt.toInstant());
            assertTrue(product.raw.contains("\"options\""), "the whole node is kept in raw");
            assertTrue(product.raw.contains("\"onlineStoreUrl\""), "configured extra fields land in raw");
            assertFalse(product.raw.contains("\"variants\""), "variants live in their own table");
            List<ProductVariantEntity> variants = ProductVariantEntity.list(
                    "shopId = ?1 and productId = ?2 and deletedAt is null order by position", shopId, truth.id());
            assertEquals(truth.variants().size(), variants.size());
            assertTrue(variants.size() > 250, "the largest product was paged beyond 250 variants");
            VariantTruth first = truth.variants().get(0);
            assertEquals(first.id(), variants.get(0).id);
            assertEquals(0, new java.math.BigDecimal(first.price()).compareTo(variants.get(0).price));
        });
    }

    private String lastRunCursorBefore() {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("SELECT cursor_before::text FROM sync_run "
                        + "WHERE shop_id = ? ORDER BY id DESC LIMIT 1")) {
            statement.setLong(1, data.shopId(BIG_SHOP));
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cursor readCursor(String text) {
        try {
            return json.readValue(text, Cursor.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private int syncToEnd(int maxPages) {
        int invocations = 0;
        boolean hasMore = true;
        while (hasMore) {
            hasMore = slice(BIG_SHOP, maxPages).getBoolean("hasMore");
            invocations++;
            assertTrue(invocations < 200, "sync does not converge");
        }
        return invocations;
    }

    private static Map<Long, String> expectedBelow(SimulatedShop shop, Map<Long, String> truth, Cursor cursor) {
        Map<Long, String> expected = new TreeMap<>();
        for (ProductTruth product : shop.products()) {
            if (cursor.alreadySeen(product.updatedAt(), product.id())) {
                expected.put(product.id(), truth.get(product.id()));
            }
        }
        return expected;
    }

    private Map<Long, String> storedBelow(Cursor cursor) {
        Map<Long, String> stored = new TreeMap<>();
        data.databaseChecksums(BIG_SHOP).forEach((id, checksum) -> stored.put(id, checksum));
        Map<Long, String> below = new TreeMap<>();
        for (ProductTruth product : simulator.shop(BIG_SHOP).products()) {
            if (cursor.alreadySeen(product.updatedAt(), product.id()) && stored.containsKey(product.id())) {
                below.put(product.id(), stored.get(product.id()));
            }
        }
        return below;
    }

    /** Writes the page inside a transaction, then dies before the commit, like a Lambda killed mid-slice. */
    @Vetoed
    static class CrashingWriter extends ProductPageWriter {

        CrashingWriter(DataSource dataSource, dev.shopsync.change.Changes changes) {
            super(dataSource, changes);
        }

        @Override
        public int write(long shopId, List<ProductRow> products) {
            return QuarkusTransaction.requiringNew().call(() -> {
                int written = super.write(shopId, products);
                throw new IllegalStateException("simulated crash after writing " + written + " products");
            });
        }
    }
}
