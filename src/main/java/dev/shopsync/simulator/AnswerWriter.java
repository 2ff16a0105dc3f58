package dev.shopsync.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * Puts an {@link HttpAnswer} on the wire: JSON, gzip when the client accepts it, and the two ways a flaky network
 * breaks an answer.
 *
 * <p>Both breaks end in closing the exchange and throwing {@link BrokenOnPurpose}. Closing an exchange whose
 * response is incomplete makes the JDK server close the TCP connection (nothing written: no status line at all;
 * fewer bytes than the Content-Length: the client reads an early EOF); the exception then lets the server drop the
 * connection from its own books instead of waiting for a request that will never come.
 */
final class AnswerWriter {

    /** Tells the JDK server that the handler ended the connection on purpose; it logs this at TRACE only. */
    static final class BrokenOnPurpose extends IOException {

        BrokenOnPurpose(String message) {
            super(message);
        }
    }

    private final ObjectMapper json;

    AnswerWriter(ObjectMapper json) {
        this.json = json;
    }

    static boolean acceptsGzip(HttpExchange exchange) {
        String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** @throws BrokenOnPurpose after a dropped or truncated answer, which the caller must let through */
    void write(HttpExchange exchange, HttpAnswer answer) throws IOException {
        if (answer.delivery() != HttpAnswer.Delivery.WHOLE) {
            // Unread request bytes would turn the close into a TCP reset, which may discard what the client has
            // already received of a truncated body; drained, the client sees a plain EOF.
            exchange.getRequestBody().readAllBytes();
        }
        if (answer.delivery() == HttpAnswer.Delivery.DROPPED) {
            exchange.close();
            throw new BrokenOnPurpose("connection dropped by the fault plan");
        }
        byte[] body = encode(exchange, answer);
        exchange.sendResponseHeaders(answer.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        if (answer.delivery() == HttpAnswer.Delivery.TRUNCATED) {
            out.write(body, 0, body.length / 2);
            out.flush();
            exchange.close();
            throw new BrokenOnPurpose("body truncated by the fault plan at " + body.length / 2 + " of " + body.length
                    + " bytes");
        }
        try (out) {
            out.write(body);
        }
    }

    private byte[] encode(HttpExchange exchange, HttpAnswer answer) throws IOException {
        byte[] body = json.writeValueAsBytes(answer.body());
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        if (answer.version() != null) {
            headers.set("X-Shopify-API-Version", answer.version());
        }
        if (answer.retryAfter() != null) {
            headers.set("Retry-After", answer.retryAfter());
        }
        if (answer.status() == 405) {
            headers.set("Allow", "POST");
        }
        if (acceptsGzip(exchange)) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(body);
            }
            body = compressed.toByteArray();
            headers.set("Content-Encoding", "gzip");
        }
        return body;
    }
}
