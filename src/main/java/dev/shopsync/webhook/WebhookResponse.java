package dev.shopsync.webhook;

import java.util.Map;

/** The answer to one delivery: an HTTP status and a short JSON body that never echoes the request. */
public record WebhookResponse(int status, String body) {

    static WebhookResponse ok(String outcome) {
        return new WebhookResponse(200, "{\"status\":\"" + outcome + "\"}");
    }

    static WebhookResponse error(int status, String message) {
        return new WebhookResponse(status, "{\"error\":\"" + message + "\"}");
    }

    /** As API Gateway expects it back from a Lambda (both payload formats accept this shape). */
    public Map<String, Object> toApiGateway() {
        return Map.of("statusCode", status, "headers", Map.of("Content-Type", "application/json"), "body", body,
                "isBase64Encoded", false);
    }
}
