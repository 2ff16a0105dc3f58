package dev.shopsync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Cursors shaped like Shopify's: base64 of {@code {"last_id":<id>,"last_value":"<sort value>"}}, so a client that
 * peeks into them (it should not) sees the real thing.
 */
final class CursorCodec {

    /** The position a cursor names: the sort value and id of the last row the client saw. */
    record Cursor(long lastId, String lastValue) {
    }

    /** An ObjectReader is immutable, so sharing it is not shared mutable state. */
    private static final ObjectReader JSON = new ObjectMapper().readerFor(Map.class);

    private CursorCodec() {
    }

    static String encode(long id, String sortValue) {
        String json = "{\"last_id\":" + id + ",\"last_value\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(sortValue)) + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this simulator issued */
    static Cursor decode(String cursor) {
        try {
            Map<?, ?> fields = JSON.readValue(Base64.getDecoder().decode(cursor));
            if (!(fields.get("last_id") instanceof Number id) || !(fields.get("last_value") instanceof String value)) {
                throw new IllegalArgumentException("not a cursor: " + cursor);
            }
            return new Cursor(id.longValue(), value);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor: " + cursor, e);
        }
    }
}
