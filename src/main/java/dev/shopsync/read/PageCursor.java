package dev.shopsync.read;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The format of one kind of opaque {@code after} cursor: base64url (no padding) of {@code <kind>:<value>}.
 * PostgreSQL writes it ({@link #sql}) in the statement that builds the page and Java reads it back
 * ({@link #decode}), so both halves of the format live here.
 */
record PageCursor(String kind) {

    /** The SQL expression encoding {@code <kind>:<valueExpression>}. */
    String sql(String valueExpression) {
        // translate drops base64's padding and the line break encode() puts after 76 characters
        return "translate(encode(convert_to('" + kind + ":' || (" + valueExpression + "), 'UTF8'), 'base64'), "
                + "'+/=' || chr(10), '-_')";
    }

    /** The value part of a cursor of this kind; 400 when it is not one. */
    String decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(kind + ":")) {
                return plain.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below, like every other malformed cursor
        }
        throw invalid();
    }

    /** The cursor {@link #sql} writes for this value. */
    String encode(String value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    static BadReadRequest invalid() {
        return new BadReadRequest(400, "invalid cursor in 'after'");
    }
}
