package dev.shopsync.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.shop.AccessToken;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.simulator.CatalogSpec;
import dev.shopsync.simulator.ProductTruth;
import dev.shopsync.simulator.ShopPlan;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.VariantTruth;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.sync.product.ProductPageWriter;
import dev.shopsync.sync.product.ProductRow;
import dev.shopsync.sync.product.VariantRow;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How close the page writer (upsert with the monotonic guard, child-set replacement, one transaction per
 * 250-product page) comes to PostgreSQL's own ceiling: COPY of the very same rows into the very same tables
 * (under a second shop id, so nothing conflicts), with the same indexes and foreign keys, in the same run. Run with {@code ./mvnw -B verify -Pbench -Dbench=load}.
 */
@QuarkusTest
@ExtendWith(FlightRecording.class)
@WithTestResource(SimulatorResource.class)
@Tag("load")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LoadBench {

    private static final String SHOP = "bench-load.myshopify.com";
    private static final String COPY_SHOP = "bench-load-copy.myshopify.com";
    private static final int PRODUCTS = 6_000;
    private static final int PAGE = 250;

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    ProductPageWriter writer;

    @Inject
    ShopRegistry registry;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void upsertVersusCopy() throws Exception {
        List<ProductTruth> catalog = simulator.addShop(SHOP, "unused", ShopPlan.PLUS,
                new CatalogSpec(2026L, PRODUCTS, SimulatorResource.CATALOG_BASE, 500)).products();
        List<ProductRow> rows = new ArrayList<>(catalog.size());
        for (ProductTruth product : catalog) {
            rows.add(row(product));
        }
        long variants = rows.stream().mapToLong(r -> r.variants().size()).sum();
        long totalRows = rows.size() + variants;
        long shopId = registry.idOf(new ShopConnection(SHOP, "2026-10", URI.create("http://unused"),
                new AccessToken("unused")));
        long copyShopId = registry.idOf(new ShopConnection(COPY_SHOP, "2026-10", URI.create("http://unused"),
                new AccessToken("unused")));
        clear(shopId, copyShopId);

        writeAll(shopId, rows.subList(0, PAGE)); // warm-up: JIT, statement caches, connection pool
        copyAll(copyShopId, rows.subList(0, PAGE));
        clear(shopId, copyShopId);

        System.out.printf("bench load: %d products, %d variants (%d rows)%n", rows.size(), variants, totalRows);
        long insertNanos = writeAll(shopId, rows);
        long updateNanos = writeAll(shopId, rows);
        long copyNanos = copyAll(copyShopId, rows);

        double insertRate = totalRows / seconds(insertNanos);
        double updateRate = totalRows / seconds(updateNanos);
        double copyRate = totalRows / seconds(copyNanos);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("upsert_rps", Math.round(insertRate));
        result.put("copy_rps", Math.round(copyRate));
        result.put("copy_ratio", round(insertRate / copyRate));
        result.put("update_rps", Math.round(updateRate));
        result.put("update_copy_ratio", round(updateRate / copyRate));
        result.put("products", rows.size());
        result.put("variants", variants);
        result.put("rows", totalRows);
        result.put("page_size", PAGE);
        BenchReport.publish(json, "load", result);
        clear(shopId, copyShopId);
    }

    private void clear(long... shopIds) throws SQLException {
        for (long id : shopIds) {
            execute("DELETE FROM product_variant WHERE shop_id = " + id, "DELETE FROM product WHERE shop_id = " + id);
        }
    }

    private long writeAll(long shopId, List<ProductRow> rows) {
        long start = System.nanoTime();
        for (int from = 0; from < rows.size(); from += PAGE) {
            writer.write(shopId, rows.subList(from, Math.min(rows.size(), from + PAGE)));
            if ((from / PAGE) % 8 == 0) {
                System.out.printf("bench load: %d/%d products written%n", from + PAGE, rows.size());
            }
        }
        return System.nanoTime() - start;
    }

    /** The ceiling: the same rows, same pages, streamed with COPY into the same tables, one commit per page. */
    private long copyAll(long shopId, List<ProductRow> rows) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            for (int from = 0; from < rows.size(); from += PAGE) {
                List<ProductRow> page = rows.subList(from, Math.min(rows.size(), from + PAGE));
                copy.copyIn("COPY product (shop_id, id, gid, title, handle, status, vendor, product_type, tags, "
                        + "created_at, updated_at, published_at, synced_at, raw) FROM STDIN (FORMAT csv)",
                        new StringReader(productCsv(shopId, page)));
                copy.copyIn("COPY product_variant (shop_id, id, product_id, gid, title, sku, barcode, price, "
                        + "compare_at_price, inventory_quantity, position, taxable, created_at, updated_at, "
                        + "synced_at, raw) FROM STDIN (FORMAT csv)", new StringReader(variantCsv(shopId, page)));
                connection.commit();
            }
            long nanos = System.nanoTime() - start;
            connection.setAutoCommit(true);
            return nanos;
        }
    }

    private String productCsv(long shopId, List<ProductRow> page) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (ProductRow p : page) {
            CopyCsv.row(csv, shopId, p.id(), p.gid(), p.title(), p.handle(), p.status(), p.vendor(), p.productType(),
                    "{" + String.join(",", p.tags().stream().map(t -> "\"" + t.replace("\"", "\\\"") + "\"").toList())
                            + "}",
                    p.createdAt(), p.updatedAt(), p.publishedAt(), p.updatedAt(), p.raw());
        }
        return csv.toString();
    }

    private String variantCsv(long shopId, List<ProductRow> page) {
        StringBuilder csv = new StringBuilder();
        for (ProductRow p : page) {
            for (VariantRow v : p.variants()) {
                CopyCsv.row(csv, shopId, v.id(), v.productId(), v.gid(), v.title(), v.sku(), v.barcode(), v.price(),
                        v.compareAtPrice(), v.inventoryQuantity(), v.position(), v.taxable(), v.createdAt(),
                        v.updatedAt(), v.updatedAt(), v.raw());
            }
        }
        return csv.toString();
    }


    private ProductRow row(ProductTruth p) throws IOException {
        List<VariantRow> variants = new ArrayList<>(p.variants().size());
        for (VariantTruth v : p.variants()) {
            variants.add(new VariantRow(v.id(), p.id(), v.gid(), v.title(), v.sku(), null, v.price(),
                    v.compareAtPrice(), v.inventoryQuantity(), v.position(), true, v.createdAt(), v.updatedAt(),
                    json.writeValueAsString(v)));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("id", p.gid());
        raw.put("title", p.title());
        raw.put("handle", p.handle());
        raw.put("status", p.status());
        raw.put("vendor", p.vendor());
        raw.put("productType", p.productType());
        raw.put("tags", p.tags());
        raw.put("createdAt", p.createdAt().toString());
        raw.put("updatedAt", p.updatedAt().toString());
        return new ProductRow(p.id(), p.gid(), p.title(), p.handle(), p.status(), p.vendor(), p.productType(),
                p.tags(), p.createdAt(), p.updatedAt(), null, json.writeValueAsString(raw), variants);
    }

    private void execute(String... sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
