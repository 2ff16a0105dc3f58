package dev.shopsync.webhook;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a verified body must look like to be taken as a given topic. Shopify signs the body, not the topic header:
 * a validly signed body of one topic replayed under another is refused because it does not have the other's
 * shape (a delete carries an id, not a whole object; a redact has {@code orders_to_redact}; ...).
 */
@FunctionalInterface
interface BodyShape {

    /** Why the body does not fit, or empty when it does. */
    Optional<String> misfit(JsonNode body);

    /** When the body carries an {@code admin_graphql_api_id}, it is a GID of this type. */
    static BodyShape gidOf(String type) {
        return body -> {
            JsonNode gid = body.path("admin_graphql_api_id");
            return !gid.isTextual() || gid.asText().startsWith("gid://shopify/" + type + "/") ? Optional.empty()
                    : Optional.of("'admin_graphql_api_id' is not a " + type);
        };
    }

    /** An integral {@code id} or an {@code admin_graphql_api_id}. */
    static BodyShape id() {
        return body -> body.path("id").isIntegralNumber() || body.path("admin_graphql_api_id").isTextual()
                ? Optional.empty() : Optional.of("no object id");
    }

    /** Each dotted path holds a value (not null). */
    static BodyShape present(String... paths) {
        return body -> {
            for (String path : paths) {
                if (at(body, path).isNull() || at(body, path).isMissingNode()) {
                    return Optional.of("no '" + path + "'");
                }
            }
            return Optional.empty();
        };
    }

    /** Each dotted path holds an array. */
    static BodyShape arrays(String... paths) {
        return body -> {
            for (String path : paths) {
                if (!at(body, path).isArray()) {
                    return Optional.of("'" + path + "' is not a list");
                }
            }
            return Optional.empty();
        };
    }

    /** None of the top-level fields is there at all (another topic's marks). */
    static BodyShape absent(String... fields) {
        return body -> {
            for (String field : fields) {
                if (body.has(field)) {
                    return Optional.of("unexpected '" + field + "'");
                }
            }
            return Optional.empty();
        };
    }

    static BodyShape all(BodyShape... shapes) {
        List<BodyShape> each = List.of(shapes);
        return body -> {
            for (BodyShape shape : each) {
                Optional<String> misfit = shape.misfit(body);
                if (misfit.isPresent()) {
                    return misfit;
                }
            }
            return Optional.empty();
        };
    }

    private static JsonNode at(JsonNode body, String path) {
        JsonNode node = body;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
