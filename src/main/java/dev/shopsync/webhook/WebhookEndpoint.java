package dev.shopsync.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;

/**
 * The webhook endpoint's HTTP contract, independent of how the request arrived. In order: method, size, headers,
 * signature over the raw bytes (the secret chosen by the shop header), JSON, deduplication, processing (where the
 * body must fit its topic and name no other shop: the headers are not signed). Nothing of an unverified body is
 * parsed, stored or logged; rejections log only their reason. What may pass (the secret store or Redis
 * unreachable, PostgreSQL failing) is answered 503 so Shopify retries; what cannot (a body that does not fit) 400.
 */
@ApplicationScoped
public class WebhookEndpoint {

    private static final Logger LOG = Logger.getLogger(WebhookEndpoint.class);

    private final WebhookConfig config;
    private final WebhookSecrets secrets;
    private final WebhookSignature signature;
    private final WebhookDeduplicator deduplicator;
    private final WebhookProcessor processor;
    private final ShopDirectory directory;
    private final ShopRegistry registry;
    private final ObjectMapper json;
    private final WebhookTopics topics;
    private final Traces traces;

    public WebhookEndpoint(WebhookConfig config, WebhookSecrets secrets, WebhookSignature signature,
            WebhookDeduplicator deduplicator, WebhookProcessor processor, ShopDirectory directory,
            ShopRegistry registry, ObjectMapper json, WebhookTopics topics, Traces traces) {
        this.config = config;
        this.secrets = secrets;
        this.signature = signature;
        this.deduplicator = deduplicator;
        this.processor = processor;
        this.directory = directory;
        this.registry = registry;
        this.json = json;
        this.topics = topics;
        this.traces = traces;
    }

    public WebhookResponse handle(WebhookRequest request) {
        if (!"POST".equals(request.method())) {
            return rejected(405, "method not allowed");
        }
        if (request.body().length > config.maxBodyBytes()) {
            return rejected(413, "body too large");
        }
        String hmac = request.header("X-Shopify-Hmac-Sha256");
        String shop = request.header("X-Shopify-Shop-Domain");
        String topic = request.header("X-Shopify-Topic");
        String eventId = firstPresent(request.header("X-Shopify-Event-Id"), request.header("X-Shopify-Webhook-Id"));
        if (hmac == null || shop == null || topic == null || eventId == null) {
            return rejected(400, "missing Shopify webhook headers");
        }
        byte[] mac = WebhookSignature.decodeHeader(hmac);
        if (mac == null || !shop.matches("[A-Za-z0-9][A-Za-z0-9.-]*") || !eventId.matches("[A-Za-z0-9-]{1,100}")) {
            return rejected(400, "invalid Shopify webhook headers");
        }
        try (Traced span = traces.start("webhook verify")) {
            List<byte[]> candidates;
            try {
                candidates = secrets.of(shop);
            } catch (RuntimeException e) {
                // the secret store is unreachable or the secret is broken: Shopify retries, for up to 4 hours
                LOG.errorf("webhook for %s not verified, answered 503: %s", shop, e.getMessage());
                span.outcome("unavailable").failed(e);
                return WebhookResponse.error(503, "temporarily unavailable");
            }
            if (candidates.isEmpty() || !signature.signedByAny(request.body(), mac, candidates)) {
                span.outcome("unauthorized");
                return rejected(401, "unauthorized");
            }
            span.outcome("verified");
        }
        // Verified from here on.
        String domain = shop.toLowerCase(java.util.Locale.ROOT);
        JsonNode payload;
        try {
            payload = json.readTree(request.body());
        } catch (IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            return rejected(400, "body is not a JSON object");
        }
        WebhookDeduplicator.Claim claim;
        try (Traced span = traces.start("webhook dedupe")) {
            try {
                claim = deduplicator.claim(domain, eventId);
                span.outcome(claim.name());
            } catch (RuntimeException e) {
                LOG.errorf("webhook %s %s %s not claimed, answered 503: %s", domain, topic, eventId,
                        e.getClass().getName());
                span.outcome("unavailable").failed(e);
                return WebhookResponse.error(503, "temporarily unavailable");
            }
        }
        if (claim == WebhookDeduplicator.Claim.DUPLICATE) {
            return WebhookResponse.ok("duplicate");
        }
        if (claim == WebhookDeduplicator.Claim.IN_PROGRESS) {
            return WebhookResponse.error(409, "delivery in progress, retry later");
        }
        try (Traced span = traces.start("webhook process")) {
            // the topic header is verified by now, but still only allow-listed topics become attributes
            span.set("shopsync.shop", domain).set("shopify.webhook.topic", topics.dimension(topic));
            try {
                long shopId = registry.idOf(directory.require(domain));
                WebhookProcessor.Outcome outcome = processor.process(domain, shopId, registry.isActive(shopId),
                        topic, payload, new String(request.body(), StandardCharsets.UTF_8), eventId);
                deduplicator.done(domain, eventId);
                LOG.debugf("webhook %s %s %s: %s %s", domain, topic, eventId, outcome.action(), outcome.ids());
                span.outcome(outcome.action());
                return WebhookResponse.ok(outcome.action());
            } catch (IllegalArgumentException e) {
                deduplicator.release(domain, eventId);
                LOG.warnf("webhook %s %s %s refused: %s", domain, topic, eventId, e.getMessage());
                span.outcome("refused").failed(e);
                return WebhookResponse.error(400, "payload does not fit its topic");
            } catch (RuntimeException e) {
                releaseQuietly(domain, eventId, e);
                // the class only: database errors may quote the payload's personal data
                LOG.errorf("webhook %s %s %s failed, Shopify will retry: %s", domain, topic, eventId,
                        e.getClass().getName());
                span.outcome("failed").failed(e);
                return WebhookResponse.error(503, "temporarily unavailable");
            }
        }
    }

    private void releaseQuietly(String shop, String eventId, RuntimeException cause) {
        try {
            deduplicator.release(shop, eventId);
        } catch (RuntimeException e) {
            // Redis may be what failed: the claim then expires after shopsync.webhooks.in-progress-ttl.
            cause.addSuppressed(e);
        }
    }

    private static WebhookResponse rejected(int status, String reason) {
        LOG.infof("webhook rejected with %d: %s", status, reason);
        return WebhookResponse.error(status, reason);
    }

    private static String firstPresent(String first, String second) {
        return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
    }
}
