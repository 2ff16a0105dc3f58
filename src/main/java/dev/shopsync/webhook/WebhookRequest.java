package dev.shopsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as API Gateway hands it over, for an HTTP API (payload format 2.0) or a REST API (1.0):
 * the method, the headers (names lower-cased: HTTP header names are case-insensitive and the two formats differ)
 * and the raw body bytes, base64-decoded first when API Gateway encoded them.
 */
public record WebhookRequest(String method, Map<String, String> headers, byte[] body) {

    /** @throws MalformedRequestException when the event is not an API Gateway HTTP event */
    @SuppressWarnings("unchecked")
    public static WebhookRequest fromApiGateway(Map<String, Object> event) {
        if (event == null) {
            throw new MalformedRequestException("not an API Gateway event");
        }
        String method;
        if (event.get("requestContext") instanceof Map<?, ?> context && context.get("http") instanceof Map<?, ?> http) {
            method = String.valueOf(http.get("method"));
        } else if (event.get("httpMethod") instanceof String v1) {
            method = v1;
        } else {
            throw new MalformedRequestException("not an API Gateway event");
        }
        Map<String, String> headers = new HashMap<>();
        if (event.get("headers") instanceof Map<?, ?> raw) {
            raw.forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.put(name.toString().toLowerCase(Locale.ROOT), value.toString());
                }
            });
        }
        Object body = event.get("body");
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            try {
                bytes = Base64.getDecoder().decode(body.toString());
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("body is not valid base64");
            }
        } else {
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new WebhookRequest(method.toUpperCase(Locale.ROOT), Map.copyOf(headers), bytes);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** A request that is not an API Gateway HTTP event at all. */
    public static final class MalformedRequestException extends RuntimeException {
        public MalformedRequestException(String message) {
            super(message);
        }
    }
}
