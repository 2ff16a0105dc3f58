package dev.shopsync.bulk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;

/**
 * Reading the real bulk result captures line by line over HTTP: escaped slashes in GIDs, parents and their
 * children by {@code __parentId}, resumes from a byte offset with Range and without it, expired URLs, and bodies that
 * stop arriving.
 */
class BulkResultStreamTest {

    private static HttpServer server;
    private static ScheduledExecutorService watchdog;
    private static byte[] file;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void serve() throws IOException {
        try (InputStream in = BulkResultStreamTest.class.getResourceAsStream("/shopify/bulk/bulk-result-run.jsonl")) {
            file = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ranged", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.sendResponseHeaders(range == null ? 200 : 206, file.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file, from, file.length - from);
            }
        });
        server.createContext("/whole", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file);
            }
        });
        // headers and the first line, then the body stops arriving (the connection stays open for 5 s)
        server.createContext("/stalling", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            OutputStream out = exchange.getResponseBody();
            out.write(file, 0, indexOf(file, (byte) '\n') + 1);
            out.flush();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/expired", exchange -> {
            byte[] body = "<Error><Code>ExpiredToken</Code></Error>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        watchdog = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        watchdog.shutdownNow();
    }

    private static BulkResultStream open(String url, long fromByte) {
        return BulkResultStream.open(HTTP, url, fromByte, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Deadline.after(Duration.ofSeconds(30), Clock.systemUTC()), watchdog);
    }

    @Test
    @Timeout(10)
    void aBodyThatStallsFailsTheReadAfterTheIdleTimeout() {
        try (BulkResultStream stream = BulkResultStream.open(HTTP, url("/stalling"), 0, Duration.ofSeconds(5),
                Duration.ofMillis(500), Deadline.after(Duration.ofSeconds(30), Clock.systemUTC()), watchdog)) {
            assertEquals(indexOf(file, (byte) '\n'), stream.nextLine().length, "the first line came");
            long start = System.nanoTime();
            UncheckedIOException stalled = assertThrows(UncheckedIOException.class, stream::nextLine);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 400 && tookMs < 2_000, "gave up after " + tookMs + " ms");
            assertTrue(stalled.getMessage().contains("stalled: no byte for 500 ms at byte "), stalled.getMessage());
        }
    }

    @Test
    @Timeout(10)
    void aBodyThatStallsNeverHoldsTheReadPastTheDeadline() {
        Deadline deadline = Deadline.after(Duration.ofMillis(800), Clock.systemUTC());
        try (BulkResultStream stream = BulkResultStream.open(HTTP, url("/stalling"), 0, Duration.ofSeconds(5),
                Duration.ofSeconds(30), deadline, watchdog)) {
            stream.nextLine();
            assertThrows(DeadlineReachedException.class, stream::nextLine);
            assertTrue(Duration.between(deadline.at(), Instant.now()).toMillis() < 1_000,
                    "ended at the deadline, not the 30 s idle timeout");
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void readsTheCaptureLineByLineWithEscapedGids() throws IOException {
        List<BulkLine> lines = new ArrayList<>();
        long position;
        try (BulkResultStream stream = open(url("/ranged"), 0)) {
            byte[] line;
            while ((line = stream.nextLine()) != null) {
                lines.add(BulkLine.of(JSON.readTree(line)));
            }
            position = stream.position();
        }
        assertEquals(file.length, position);
        assertEquals(4, lines.size());
        BulkLine product = lines.get(0);
        assertEquals("Product", product.type());
        assertEquals(10243914727730L, product.id());
        assertTrue(product.root());
        assertEquals("gid://shopify/Product/10243914727730", product.node().path("id").asText());
        assertEquals(List.of("ProductVariant", "MediaImage", "Metafield"),
                lines.subList(1, 4).stream().map(BulkLine::type).toList());
        for (BulkLine child : lines.subList(1, 4)) {
            assertEquals(10243914727730L, child.parentId());
            // the parent reference is taken out of the node, so it never lands in raw
            assertTrue(child.node().path(BulkLine.PARENT_FIELD).isMissingNode());
        }
        assertEquals(51487966167346L, lines.get(1).id());
    }

    @Test
    void resumesAtAByteOffsetWithRangeOrBySkipping() {
        int secondLine = indexOf(file, (byte) '\n') + 1;
        for (String path : List.of("/ranged", "/whole")) {
            try (BulkResultStream stream = open(url(path), secondLine)) {
                byte[] line = stream.nextLine();
                byte[] expected = new byte[indexOf(file, secondLine, (byte) '\n') - secondLine];
                System.arraycopy(file, secondLine, expected, 0, expected.length);
                assertArrayEquals(expected, line, path);
                assertEquals(secondLine + expected.length + 1, stream.position(), path);
                int rest = 0;
                while (stream.nextLine() != null) {
                    rest++;
                }
                assertEquals(2, rest, path);
                assertNull(stream.nextLine());
            }
        }
    }

    @Test
    void anExpiredUrlIsGoneNotRetried() {
        BulkResultGoneException gone = assertThrows(BulkResultGoneException.class,
                () -> open(url("/expired"), 0));
        assertEquals("bulk result URL answered HTTP 403", gone.getMessage());
    }

    @Test
    void aLineThatIsNotAnObjectOrHasNoGidIsRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> BulkLine.of(JSON.readTree("[1,2]")));
        assertThrows(IllegalArgumentException.class, () -> BulkLine.of(JSON.readTree("{\"id\":\"Product/1\"}")));
        BulkLine discount = BulkLine.of(JSON.readTree("{\"__typename\":\"ManualDiscountApplication\",\"index\":0,"
                + "\"__parentId\":\"gid:\\/\\/shopify\\/Order\\/9610000000000001\"}"));
        assertEquals("ManualDiscountApplication", discount.type());
        assertEquals(0L, discount.id());
        assertEquals(9610000000000001L, discount.parentId());
    }

    private static int indexOf(byte[] bytes, byte value) {
        return indexOf(bytes, 0, value);
    }

    private static int indexOf(byte[] bytes, int from, byte value) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
