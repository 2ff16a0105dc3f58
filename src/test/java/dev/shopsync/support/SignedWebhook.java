package dev.shopsync.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.shopsync.webhook.WebhookSignature;

/**
 * A webhook delivery as API Gateway (HTTP API, payload format 2.0) hands it to the Lambda: Shopify's headers,
 * the body signed with a secret, optionally base64-encoded or tampered with after signing.
 */
public final class SignedWebhook {

    private final Map<String, String> headers = new HashMap<>();
    private byte[] body;
    private boolean base64;

    private SignedWebhook(String shop, String topic, byte[] body, String secret) {
        this.body = body;
        headers.put("content-type", "application/json");
        headers.put("x-shopify-topic", topic);
        headers.put("x-shopify-shop-domain", shop);
        headers.put("x-shopify-api-version", "2026-10");
        headers.put("x-shopify-webhook-id", UUID.randomUUID().toString());
        headers.put("x-shopify-event-id", UUID.randomUUID().toString());
        headers.put("x-shopify-triggered-at", "2026-11-28T12:00:00Z");
        headers.put("x-shopify-hmac-sha256", WebhookSignature.sign(body, secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static SignedWebhook of(String shop, String topic, String body, String secret) {
        return new SignedWebhook(shop, topic, body.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** The sample payload Shopify documents for the topic, from {@code shopify/webhooks/} (copied fixtures). */
    public static String fixture(String topic) {
        String name = "shopify/webhooks/" + topic.replace("/", "__") + ".json";
        try (InputStream in = SignedWebhook.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample payload of the topic, with its {@code {shop}.myshopify.com} placeholder naming the given shop. */
    public static String fixture(String topic, String shop) {
        return fixture(topic).replace("{shop}.myshopify.com", shop);
    }

    public SignedWebhook header(String name, String value) {
        if (value == null) {
            headers.remove(name.toLowerCase());
        } else {
            headers.put(name.toLowerCase(), value);
        }
        return this;
    }

    public String eventId() {
        return headers.get("x-shopify-event-id");
    }

    /** Flips one bit of one byte after signing, as a forger or a broken proxy would. */
    public SignedWebhook tampered() {
        body = body.clone();
        body[body.length / 2] ^= 0x01;
        return this;
    }

    public SignedWebhook base64() {
        base64 = true;
        return this;
    }

    /** The HTTP API (payload format 2.0) event. */
    public Map<String, Object> event() {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "POST /webhooks");
        event.put("rawPath", "/webhooks");
        event.put("headers", new HashMap<>(headers));
        event.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/webhooks")));
        event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        event.put("isBase64Encoded", base64);
        return event;
    }

    /** The REST API (payload format 1.0) event, with header names as a client sent them. */
    public Map<String, Object> restApiEvent() {
        Map<String, Object> event = new HashMap<>();
        Map<String, String> mixedCase = new HashMap<>();
        headers.forEach((name, value) -> mixedCase.put(name.replace("x-shopify", "X-Shopify"), value));
        event.put("httpMethod", "POST");
        event.put("path", "/webhooks");
        event.put("headers", mixedCase);
        event.put("body", new String(body, StandardCharsets.UTF_8));
        event.put("isBase64Encoded", false);
        return event;
    }
}
