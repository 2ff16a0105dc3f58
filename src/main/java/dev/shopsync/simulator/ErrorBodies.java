package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

/**
 * The bodies Shopify answers with when it does not run a query, copied from real captures where we have them
 * (THROTTLED, MAX_COST_EXCEEDED, 401, 429), and GraphQL errors reshaped from graphql-java's wording to Shopify's
 * (graphql-ruby's) where a client might look at them.
 */
final class ErrorBodies {

    static final int MAX_QUERY_COST = 1_000;
    static final String RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";

    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '([^']+)' in type '([^']+)' is undefined");

    private ErrorBodies() {
    }

    static Map<String, Object> message(String text) {
        return Map.of("errors", text);
    }

    static Map<String, Object> unauthorized() {
        return message("[API] Invalid API key or access token (unrecognized login or wrong password)");
    }

    static Map<String, Object> tooManyRequests() {
        return message("Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.");
    }

    static Map<String, Object> maxCostExceeded(int cost) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "MAX_COST_EXCEEDED");
        extensions.put("cost", cost);
        extensions.put("maxCost", MAX_QUERY_COST);
        extensions.put("documentation", RATE_LIMIT_DOCS);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "Query cost is " + cost + ", which exceeds the single query max cost limit ("
                + MAX_QUERY_COST + ").\n\n"
                + "See https://shopify.dev/docs/api/usage/rate-limits for more information on how the\n"
                + "cost of a query is calculated.\n\n"
                + "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n"
                + "See https://shopify.dev/docs/api/usage/bulk-operations/queries for usage details.\n");
        error.put("extensions", extensions);
        return Map.of("errors", List.of(error));
    }

    static Map<String, Object> throttled(int requestedCost, ThrottleSnapshot status) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "THROTTLED");
        extensions.put("documentation", RATE_LIMIT_DOCS);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "Throttled");
        error.put("extensions", extensions);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(error));
        body.put("extensions", Map.of("cost", cost(requestedCost, null, status)));
        return body;
    }

    /** {@code extensions.cost}: bucket sizes as floating point, the balance as a whole number, like the wire. */
    static Map<String, Object> cost(int requestedCost, Integer actualCost, ThrottleSnapshot status) {
        Map<String, Object> throttleStatus = new LinkedHashMap<>();
        throttleStatus.put("maximumAvailable", status.maximumAvailable());
        throttleStatus.put("currentlyAvailable", (int) Math.floor(status.currentlyAvailable()));
        throttleStatus.put("restoreRate", status.restoreRate());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requestedCost);
        cost.put("actualQueryCost", actualCost);
        cost.put("throttleStatus", throttleStatus);
        return cost;
    }

    /** Validation and syntax errors as Shopify words them: message, locations, {@code extensions.code}. */
    static List<Map<String, Object>> invalidQuery(List<? extends GraphQLError> errors) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GraphQLError error : errors) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            String message = error.getMessage();
            if (error instanceof ValidationError validation) {
                String description = validation.getDescription() != null ? validation.getDescription() : message;
                Matcher undefined = UNDEFINED_FIELD.matcher(description);
                if (validation.getValidationErrorType() == ValidationErrorType.FieldUndefined && undefined.find()) {
                    message = "Field '" + undefined.group(1) + "' doesn't exist on type '" + undefined.group(2) + "'";
                    extensions.put("code", "undefinedField");
                    extensions.put("typeName", undefined.group(2));
                    extensions.put("fieldName", undefined.group(1));
                } else {
                    message = description;
                    extensions.put("code", code(validation.getValidationErrorType().toString()));
                }
            } else if (error.getErrorType() == graphql.ErrorType.InvalidSyntax) {
                extensions.put("code", "syntaxError");
            } else {
                // Raised while coercing variables: graphql-ruby (Shopify) calls these variable mismatches.
                extensions.put("code", error.getErrorType() == graphql.ErrorType.ValidationError ? "variableMismatch"
                        : "invalidQuery");
            }
            out.add(error(message, error.getLocations(), null, extensions));
        }
        return out;
    }

    /** Field errors from execution, without graphql-java's {@code classification}. */
    static List<Map<String, Object>> fieldErrors(List<? extends GraphQLError> errors) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GraphQLError error : errors) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            if (error.getExtensions() != null) {
                extensions.putAll(error.getExtensions());
            }
            extensions.remove("classification");
            extensions.putIfAbsent("code", "INTERNAL_SERVER_ERROR");
            out.add(error(error.getMessage(), error.getLocations(), error.getPath(), extensions));
        }
        return out;
    }

    private static Map<String, Object> error(String message, List<SourceLocation> locations, List<Object> path,
            Map<String, Object> extensions) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (SourceLocation location : locations) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("line", location.getLine());
                line.put("column", location.getColumn());
                lines.add(line);
            }
            error.put("locations", lines);
        }
        if (path != null && !path.isEmpty()) {
            error.put("path", path);
        }
        error.put("extensions", extensions);
        return error;
    }

    /** A request-level error that is not about one place in the document. */
    static Map<String, Object> requestError(String message, String code) {
        return Map.of("errors", List.of(error(message, null, null, new LinkedHashMap<>(Map.of("code", code)))));
    }

    /** graphql-java's {@code FieldUndefined} style to graphql-ruby's {@code fieldUndefined} style. */
    private static String code(String validationType) {
        return validationType.isEmpty() ? "invalidQuery"
                : validationType.substring(0, 1).toLowerCase(Locale.ROOT) + validationType.substring(1);
    }
}
