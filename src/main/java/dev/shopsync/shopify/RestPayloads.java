package dev.shopsync.shopify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading Shopify's REST-shaped webhook payloads: ids from {@code admin_graphql_api_id} (the numeric
 * {@code id} may have passed through a JavaScript double somewhere), ISO timestamps with offsets, enums in lower
 * case, tags as one comma-separated string.
 */
public final class RestPayloads {

    private RestPayloads() {
    }

    /** The object's id: from its GID when present, else from the numeric field read as an exact integer. */
    public static long id(JsonNode node) {
        JsonNode gid = node.path("admin_graphql_api_id");
        if (gid.isTextual()) {
            return Gid.numericId(gid.asText());
        }
        return exactLong(node.path("id"), "id");
    }

    /** A numeric reference such as {@code order_id}, never through a double. */
    public static long exactLong(JsonNode value, String field) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("payload field '" + field + "' is not an integer id");
    }

    public static String gid(JsonNode node, String type) {
        JsonNode gid = node.path("admin_graphql_api_id");
        return gid.isTextual() ? gid.asText() : Gid.of(type, id(node));
    }

    public static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    public static String upper(JsonNode value) {
        String text = text(value);
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException when it is not an ISO date-time with offset (a bad body, answered 400) */
    public static Instant instant(JsonNode value) {
        String text = text(value);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a payload date is not an ISO date-time with offset");
        }
    }

    public static Boolean bool(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : null;
    }

    public static Integer integer(JsonNode value) {
        return value.isIntegralNumber() ? value.intValue() : null;
    }

    /** REST sends tags as {@code "a, b, c"}. */
    public static List<String> tags(JsonNode value) {
        List<String> tags = new ArrayList<>();
        String text = text(value);
        if (text != null) {
            for (String tag : text.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        return tags;
    }
}
