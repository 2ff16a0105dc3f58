package dev.shopsync.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /bulk-results/<token>.jsonl}: the result files of bulk operations, served the way Google Cloud Storage
 * serves Shopify's signed URLs: whole (200), from an offset ({@code Range: bytes=N-} or {@code bytes=N-M}, 206), 404
 * for a token it never issued, 403 with GCS's XML once the URL has expired. A download can be cut on purpose
 * ({@link SimulatedBulkOperations#cutDownloadsAfter}) or stalled ({@link SimulatedBulkOperations#stallDownloadsAfter})
 * so clients can prove they resume.
 */
final class BulkResultEndpoint implements HttpHandler {

    static final String EXPIRED_BODY = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>ExpiredToken</Code>"
            + "<Message>The provided token has expired.</Message></Error>";
    static final String MISSING_BODY = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
            + "<Message>The specified key does not exist.</Message></Error>";

    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(BulkResultFiles.PATH) + "([0-9a-f]{32})\\.jsonl");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final BulkResultFiles files;

    BulkResultEndpoint(BulkResultFiles files) {
        this.files = files;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Matcher token = TOKEN.matcher(exchange.getRequestURI().getPath());
            BulkResultFiles.Served served = token.matches() ? files.find(token.group(1)) : null;
            if (served == null || !Files.isRegularFile(served.file())) {
                xml(exchange, 404, MISSING_BODY);
                return;
            }
            if (served.expired().getAsBoolean()) {
                xml(exchange, 403, EXPIRED_BODY);
                return;
            }
            serve(exchange, served, "HEAD".equals(method));
        }
    }

    private static void serve(HttpExchange exchange, BulkResultFiles.Served served, boolean head)
            throws IOException {
        long size = Files.size(served.file());
        long from = 0;
        long to = size - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        var headers = exchange.getResponseHeaders();
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) >= size) {
                headers.set("Content-Range", "bytes */" + size);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            if (to < from) {
                headers.set("Content-Range", "bytes */" + size);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            status = 206;
            headers.set("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        headers.set("Content-Type", "application/jsonl");
        headers.set("Accept-Ranges", "bytes");
        long length = size == 0 ? 0 : to - from + 1;
        if (head) {
            headers.set("Content-Length", String.valueOf(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        served.counters().bulkDownload();
        long cut = served.cutAfter().getAsLong();
        BulkResultFiles.Stall stall = served.stall().get();
        if (stall != null) {
            cut = cut >= 0 ? Math.min(cut, stall.afterBytes()) : stall.afterBytes();
        }
        // The JDK server takes 0 to mean chunked; -1 is its "no body".
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length == 0) {
            return;
        }
        long limit = cut >= 0 ? Math.min(cut, length) : length;
        long sent = 0;
        OutputStream out = exchange.getResponseBody();
        try (InputStream in = Files.newInputStream(served.file())) {
            in.skipNBytes(from);
            byte[] buffer = new byte[1 << 16];
            while (sent < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                sent += n;
            }
        } finally {
            served.counters().bulkBytesServed(sent);
        }
        if (sent < length) {
            out.flush();
            if (stall != null) {
                silence(stall.silence());
            }
            exchange.close();
            throw new AnswerWriter.BrokenOnPurpose("bulk download cut at " + sent + " of " + length + " bytes");
        }
        out.close();
    }

    /** A stalled download: headers and some bytes sent, the connection open, nothing more for a while. */
    private static void silence(Duration silence) {
        try {
            Thread.sleep(silence.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void xml(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
