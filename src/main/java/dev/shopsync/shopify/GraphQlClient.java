package dev.shopsync.shopify;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.shop.ShopConnection;

/**
 * Sends one GraphQL document to one shop and returns its data, absorbing Shopify's flow control:
 * THROTTLED (HTTP 200) waits exactly {@code (requested - available) / restoreRate}, HTTP 429 waits its
 * {@code Retry-After}, 5xx and transport errors back off exponentially. Every wait is bounded by the
 * caller's deadline; 401/403/404 and query errors fail at once with a message naming the shop.
 */
@ApplicationScoped
public class GraphQlClient {

    private static final Logger LOG = Logger.getLogger(GraphQlClient.class);

    private final ShopifyClients clients;
    private final ShopifyClientConfig config;
    private final ObjectMapper json;
    /** Shops whose answering API version differed from the requested one; warn once per container. */
    private final Set<String> versionWarned = ConcurrentHashMap.newKeySet();

    public GraphQlClient(ShopifyClients clients, ShopifyClientConfig config, ObjectMapper json) {
        this.clients = clients;
        this.config = config;
        this.json = json;
    }

    public GraphQlResponse execute(ShopConnection shop, GraphQlDocument document, Map<String, Object> variables,
            Deadline deadline) {
        String body = requestBody(document, variables);
        AdminGraphQlApi api = clients.forShop(shop);
        long throttledMillis = 0;
        Duration backoff = config.initialBackoff();
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Duration wait;
            try (Response response = api.post(shop.apiVersion(), shop.token().reveal(), body)) {
                int status = response.getStatus();
                String text = response.hasEntity() ? response.readEntity(String.class) : "";
                warnOnVersionFallForward(shop, response.getHeaderString("X-Shopify-API-Version"));
                if (status == 200) {
                    JsonNode root = parse(shop, text);
                    JsonNode errors = root.path("errors");
                    QueryCost cost = QueryCostParser.parse(root.path("extensions").path("cost"));
                    if (isThrottled(errors)) {
                        wait = throttleWait(shop, cost);
                        throttledMillis += sleep(shop, wait, deadline);
                        lastFailure = new ShopifyApiException("shop " + shop.domain() + ": still THROTTLED after "
                                + attempt + " attempts", 200);
                        continue;
                    }
                    if (errors.isArray() && !errors.isEmpty() && (root.path("data").isNull() || root.path("data").isMissingNode())) {
                        throw new ShopifyApiException("shop " + shop.domain() + ": query " + document.name()
                                + " rejected: " + errorMessages(errors), status);
                    }
                    if (errors.isArray() && !errors.isEmpty()) {
                        // Partial data is never persisted as if it were complete.
                        throw new ShopifyApiException("shop " + shop.domain() + ": query " + document.name()
                                + " returned errors: " + errorMessages(errors), status);
                    }
                    return new GraphQlResponse(root.path("data"), cost, throttledMillis, attempt);
                }
                if (status == 429) {
                    wait = retryAfter(response.getHeaderString("Retry-After"));
                    throttledMillis += sleep(shop, wait, deadline);
                    lastFailure = new ShopifyApiException("shop " + shop.domain() + ": HTTP 429 after " + attempt
                            + " attempts", 429);
                    continue;
                }
                if (status >= 500) {
                    lastFailure = new ShopifyApiException("shop " + shop.domain() + ": HTTP " + status
                            + " from the Admin API", status);
                } else {
                    throw new ShopifyApiException(describeClientError(shop, status), status);
                }
            } catch (ProcessingException e) {
                // Connection refused/reset, timeouts, truncated bodies: transient until proven otherwise.
                lastFailure = new ShopifyApiException("shop " + shop.domain() + ": transport error: "
                        + e.getClass().getSimpleName(), 0, e);
            }
            sleep(shop, backoff, deadline);
            backoff = backoff.multipliedBy(2);
        }
        throw lastFailure;
    }

    private String requestBody(GraphQlDocument document, Map<String, Object> variables) {
        ObjectNode request = json.createObjectNode();
        request.put("query", document.text());
        request.put("operationName", document.name());
        request.set("variables", json.valueToTree(variables));
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("variables of " + document.name() + " are not serialisable", e);
        }
    }

    private JsonNode parse(ShopConnection shop, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProcessingException("shop " + shop.domain() + ": unreadable response body", e);
        }
    }

    private static boolean isThrottled(JsonNode errors) {
        if (!errors.isArray()) {
            return false;
        }
        for (JsonNode error : errors) {
            if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The exact time until the bucket holds the requested cost again. */
    static Duration throttleWait(ShopConnection shop, QueryCost cost) {
        if (cost == null || cost.throttleStatus() == null || cost.throttleStatus().restoreRate() <= 0) {
            return Duration.ofSeconds(1);
        }
        ThrottleStatus status = cost.throttleStatus();
        double missing = Math.max(0, cost.requestedQueryCost() - status.currentlyAvailable());
        long millis = (long) Math.ceil(missing * 1000.0 / status.restoreRate());
        return Duration.ofMillis(Math.max(millis, 1));
    }

    Duration retryAfter(String header) {
        if (header != null) {
            try {
                double seconds = Double.parseDouble(header.trim());
                if (seconds >= 0) {
                    return Duration.ofMillis((long) Math.ceil(seconds * 1000));
                }
            } catch (NumberFormatException e) {
                // HTTP-date form or garbage: fall back to the configured default
            }
        }
        return config.defaultRetryAfter();
    }

    private static long sleep(ShopConnection shop, Duration wait, Deadline deadline) {
        if (!deadline.allows(wait, Duration.ZERO)) {
            throw new DeadlineReachedException(shop.domain(), wait, deadline.remaining());
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadlineReachedException(shop.domain(), wait, Duration.ZERO);
        }
        return wait.toMillis();
    }

    private void warnOnVersionFallForward(ShopConnection shop, String answered) {
        if (answered != null && !answered.equals(shop.apiVersion()) && versionWarned.add(shop.domain())) {
            LOG.warnf("shop %s: requested Admin API %s but %s answered (unsupported versions fall forward); "
                    + "update shopsync.shops.*.api-version", shop.domain(), shop.apiVersion(), answered);
        }
    }

    private static String describeClientError(ShopConnection shop, int status) {
        String cause = switch (status) {
            case 401 -> "the access token is invalid or was revoked (401)";
            case 402 -> "the shop is frozen for non-payment (402)";
            case 403 -> "the app lacks a required access scope (403)";
            case 404 -> "no such shop or API version at " + shop.baseUri() + " (404)";
            case 423 -> "the shop is locked (423)";
            default -> "the Admin API refused the request (" + status + ")";
        };
        return "shop " + shop.domain() + ": " + cause;
    }

    private static String errorMessages(JsonNode errors) {
        StringBuilder text = new StringBuilder();
        for (JsonNode error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.path("message").asText());
            String code = error.path("extensions").path("code").asText("");
            if (!code.isEmpty()) {
                text.append(" [").append(code).append(']');
            }
        }
        return text.toString();
    }
}
