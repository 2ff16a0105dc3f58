package dev.shopsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.shopsync.bulk.BulkCheckpoint;
import dev.shopsync.bulk.BulkIngest;
import dev.shopsync.shop.AccessToken;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.sync.product.ProductBulkLines;
import dev.shopsync.time.Deadline;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Streaming ingest of bulk results under a 256 MB heap ({@code ./mvnw -B verify -Pbench -Dbench=bulk-ingest}):
 * 100,000 and 1,000,000 lines of products, variants and media served over HTTP and written by the production path
 * (download, parse, chunked upserts with checkpoints). It reports the ingest rate against PostgreSQL COPY of the
 * same product and variant rows in the same run, and the largest heap left after a collection during each run:
 * memory must not grow with the file.
 */
@QuarkusTest
@ExtendWith(FlightRecording.class)
@TestProfile(BenchProfile.class)
@Tag("bulk-ingest")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BulkIngestBench {

    private static final String SHOP = "bench-bulk.myshopify.com";
    private static final String COPY_SHOP = "bench-bulk-copy.myshopify.com";
    private static final int COPY_CHUNK = 2000;
    private static final double MB = 1024.0 * 1024.0;

    @Inject
    BulkIngest ingest;

    @Inject
    ProductBulkLines products;

    @Inject
    ShopRegistry registry;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void ingestIsConstantInMemoryAndNearCopy() throws Exception {
        Path folder = Files.createTempDirectory("bulk-ingest-bench");
        HttpServer server = serve(folder);
        long shopId = shopId(SHOP);
        long copyShopId = shopId(COPY_SHOP);
        try (LiveHeapPeak heap = new LiveHeapPeak()) {
            BulkResultFile.Written warmUp = BulkResultFile.write(folder.resolve("warm-up.jsonl"), 20_000, 1L);
            BulkResultFile.Written small = BulkResultFile.write(folder.resolve("100k.jsonl"), 100_000, 2L);
            BulkResultFile.Written large = BulkResultFile.write(folder.resolve("1m.jsonl"), 1_000_000, 3L);
            System.out.printf("bench bulk-ingest: files of %d, %d and %d lines (%.0f MB)%n", warmUp.lines(),
                    small.lines(), large.lines(), large.bytes() / MB);

            clear(shopId, copyShopId);
            run(server, warmUp, shopId, heap); // JIT, statement caches, connection pool
            clear(shopId, copyShopId);

            Run smallRun = run(server, small, shopId, heap);
            clear(shopId, copyShopId);
            Run largeRun = run(server, large, shopId, heap);
            assertRows(shopId, large);
            long copyNanos = copy(large, copyShopId);
            clear(shopId, copyShopId);

            double ingestRate = large.lines() / seconds(largeRun.nanos());
            double copyRate = (large.products() + large.variants()) / seconds(copyNanos);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("lines_per_s", Math.round(ingestRate));
            result.put("copy_ratio", round(ingestRate / copyRate));
            result.put("peak_heap_100k_mb", round(smallRun.peakHeap() / MB));
            result.put("peak_heap_1m_mb", round(largeRun.peakHeap() / MB));
            result.put("heap_growth", round((double) largeRun.peakHeap() / smallRun.peakHeap()));
            result.put("copy_rows_per_s", Math.round(copyRate));
            result.put("lines_100k", small.lines());
            result.put("lines_1m", large.lines());
            result.put("lines_per_s_100k", Math.round(small.lines() / seconds(smallRun.nanos())));
            result.put("collections_100k", smallRun.collections());
            result.put("collections_1m", largeRun.collections());
            result.put("max_heap_mb", Math.round(Runtime.getRuntime().maxMemory() / MB));
            result.put("note", "peak_heap: largest heap left after a GC during the run; copy: COPY of the product "
                    + "and variant rows only (media are appended to raw by the ingest), 2,000 lines per commit");
            Map<String, Object> figures = new LinkedHashMap<>();
            for (String key : List.of("lines_per_s", "copy_ratio", "peak_heap_100k_mb", "peak_heap_1m_mb",
                    "heap_growth")) {
                figures.put(key, result.get(key));
            }
            BenchReport.publish(json, "bulk-ingest", figures, result);
        } finally {
            server.stop(0);
            try (var files = Files.list(folder)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(folder);
        }
    }

    private record Run(long nanos, long peakHeap, int collections) {
    }

    private Run run(HttpServer server, BulkResultFile.Written file, long shopId, LiveHeapPeak heap) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file.file().getFileName();
        System.gc();
        heap.reset();
        long start = System.nanoTime();
        BulkCheckpoint at = new BulkCheckpoint("gid://shopify/BulkOperation/" + file.lines(), 0, 0);
        long lastReport = 0;
        // slices of 20 s, like invocations resuming from their checkpoint (the slice loop stops between chunks)
        boolean endOfFile = false;
        while (!endOfFile) {
            Deadline slice = Deadline.after(Duration.ofSeconds(20), Clock.systemUTC());
            try (BulkIngest.Reading reading = ingest.open(SHOP, shopId, products, url, at, slice)) {
                while (slice.allows(Duration.ofSeconds(1), Duration.ZERO)) {
                    if (reading.next() == 0) {
                        endOfFile = true;
                        break;
                    }
                }
                at = reading.checkpoint();
            }
            if (at.lines() - lastReport >= 200_000 || endOfFile) {
                System.out.printf("bench bulk-ingest: %d/%d lines%n", at.lines(), file.lines());
                lastReport = at.lines();
            }
        }
        long nanos = System.nanoTime() - start;
        if (at.lines() != file.lines()) {
            throw new AssertionError("ingested " + at.lines() + " of " + file.lines() + " lines");
        }
        System.out.printf("bench bulk-ingest: %d lines in %.1f s, %d collections, %.1f MB live at most%n",
                file.lines(), seconds(nanos), heap.collections(), heap.peakBytes() / MB);
        return new Run(nanos, heap.peakBytes(), heap.collections());
    }

    private void assertRows(long shopId, BulkResultFile.Written file) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long[] counts = new long[3];
            String[] queries = {"SELECT count(*) FROM product WHERE shop_id = " + shopId,
                "SELECT count(*) FROM product_variant WHERE shop_id = " + shopId + " AND deleted_at IS NULL",
                "SELECT coalesce(sum(jsonb_array_length(raw->'media'->'nodes')), 0) FROM product WHERE shop_id = "
                        + shopId};
            for (int i = 0; i < queries.length; i++) {
                try (var rows = statement.executeQuery(queries[i])) {
                    rows.next();
                    counts[i] = rows.getLong(1);
                }
            }
            if (counts[0] != file.products() || counts[1] != file.variants() || counts[2] != file.media()) {
                throw new AssertionError("rows " + java.util.Arrays.toString(counts) + " but the file has "
                        + file.products() + " products, " + file.variants() + " variants, " + file.media()
                        + " media");
            }
        }
    }

    /** The ceiling: the same product and variant rows, COPYed 2,000 lines per commit; CSV building not timed. */
    private long copy(BulkResultFile.Written file, long shopId) throws IOException, SQLException {
        long nanos = 0;
        try (Connection connection = dataSource.getConnection();
                BufferedReader lines = Files.newBufferedReader(file.file(), StandardCharsets.UTF_8)) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder productCsv = new StringBuilder();
            StringBuilder variantCsv = new StringBuilder();
            int inChunk = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode node = json.readTree(line);
                String id = node.path("id").asText();
                long numeric = Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
                if (id.contains("/Product/")) {
                    CopyCsv.row(productCsv, shopId, numeric, id, node.path("title").asText(),
                            node.path("handle").asText(), node.path("status").asText(), node.path("vendor").asText(),
                            node.path("productType").asText(), "{bench}", node.path("createdAt").asText(),
                            node.path("updatedAt").asText(), node.path("publishedAt").asText(),
                            node.path("updatedAt").asText(), line);
                } else if (id.contains("/ProductVariant/")) {
                    String parent = node.path("__parentId").asText();
                    CopyCsv.row(variantCsv, shopId, numeric, parent.substring(parent.lastIndexOf('/') + 1), id,
                            node.path("title").asText(), node.path("sku").asText(), node.path("barcode").asText(),
                            node.path("price").asText(), null, node.path("inventoryQuantity").asText(),
                            node.path("position").asText(), "true", node.path("createdAt").asText(),
                            node.path("updatedAt").asText(), node.path("updatedAt").asText(), line);
                }
                if (++inChunk == COPY_CHUNK) {
                    nanos += copyChunk(connection, copy, productCsv, variantCsv);
                    inChunk = 0;
                }
            }
            nanos += copyChunk(connection, copy, productCsv, variantCsv);
            connection.setAutoCommit(true);
        }
        return nanos;
    }

    private static long copyChunk(Connection connection, CopyManager copy, StringBuilder products,
            StringBuilder variants) throws SQLException, IOException {
        long start = System.nanoTime();
        copy.copyIn("COPY product (shop_id, id, gid, title, handle, status, vendor, product_type, tags, created_at, "
                + "updated_at, published_at, synced_at, raw) FROM STDIN (FORMAT csv)",
                new StringReader(products.toString()));
        copy.copyIn("COPY product_variant (shop_id, id, product_id, gid, title, sku, barcode, price, "
                + "compare_at_price, inventory_quantity, position, taxable, created_at, updated_at, synced_at, raw) "
                + "FROM STDIN (FORMAT csv)", new StringReader(variants.toString()));
        connection.commit();
        long nanos = System.nanoTime() - start;
        products.setLength(0);
        variants.setLength(0);
        return nanos;
    }


    private long shopId(String domain) {
        return registry.idOf(new ShopConnection(domain, "2026-10", URI.create("http://unused"),
                new AccessToken("unused")));
    }

    private void clear(long... shopIds) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (long id : shopIds) {
                statement.execute("DELETE FROM product_variant WHERE shop_id = " + id);
                statement.execute("DELETE FROM product WHERE shop_id = " + id);
                statement.execute("DELETE FROM bulk_checkpoint WHERE shop_id = " + id);
            }
        }
    }

    /** Serves the folder's files with Range, like the storage behind Shopify's result URLs. */
    private static HttpServer serve(Path folder) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = folder.resolve(exchange.getRequestURI().getPath().substring(1));
            long size = Files.size(file);
            String range = exchange.getRequestHeaders().getFirst("Range");
            long from = range == null ? 0 : Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            if (range != null) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
            }
            exchange.sendResponseHeaders(range == null ? 200 : 206, size - from);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                    OutputStream out = exchange.getResponseBody()) {
                channel.position(from);
                Channels.newInputStream(channel).transferTo(out);
            }
        });
        server.start();
        return server;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
