package dev.shopsync.shopify;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.budget.QueryCost;
import dev.shopsync.budget.CostBudget;
import dev.shopsync.budget.Lane;
import dev.shopsync.budget.QueryCostMemory;
import dev.shopsync.observability.SyncMetrics;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shopify.cost.RequestedCostEstimator;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;
import dev.shopsync.time.Pause;
import io.opentelemetry.api.trace.SpanKind;

/**
 * Sends one GraphQL document to one shop as a polite member of all the invocations sharing that shop:
 * it reserves the query's requested cost on the shop's {@link CostBudget} first (Shopify's reported cost for
 * this query shape when known, the static estimate otherwise), settles the reservation with Shopify's answer,
 * and absorbs Shopify's flow control: THROTTLED waits for the reconciled bucket, 429 waits its
 * {@code Retry-After}, transient failures are retried by the shop's {@link ShopGuards}. Every wait is bounded
 * by the caller's deadline; 401/403/404 and query errors fail at once with a message naming the shop.
 */
@ApplicationScoped
public class GraphQlClient {

    private static final Logger LOG = Logger.getLogger(GraphQlClient.class);
    /** Below this, starting another HTTP attempt cannot finish before the caller's deadline anyway. */
    private static final Duration MINIMUM_FOR_A_CALL = Duration.ofMillis(500);

    private final ShopifyClients clients;
    private final ShopGuards guards;
    private final CostBudget budget;
    private final QueryCostMemory costs;
    private final RequestedCostEstimator estimator;
    private final Pause pause;
    private final ShopifyClientConfig config;
    private final ObjectMapper json;
    private final SyncMetrics metrics;
    private final Traces traces;
    /** Shops whose answering API version differed from the requested one; warn once per container. */
    private final Set<String> versionWarned = ConcurrentHashMap.newKeySet();

    public GraphQlClient(ShopifyClients clients, ShopGuards guards, CostBudget budget, QueryCostMemory costs,
            Pause pause, ShopifyClientConfig config, ObjectMapper json, SyncMetrics metrics, Traces traces) {
        this.clients = clients;
        this.guards = guards;
        this.budget = budget;
        this.costs = costs;
        this.estimator = new RequestedCostEstimator();
        this.pause = pause;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.traces = traces;
    }

    /** A call on the incremental lane. */
    public GraphQlResponse execute(ShopConnection shop, GraphQlDocument document, Map<String, Object> variables,
            Deadline deadline) {
        return execute(shop, document, variables, Lane.INCREMENTAL, deadline);
    }

    public GraphQlResponse execute(ShopConnection shop, GraphQlDocument document, Map<String, Object> variables,
            Lane lane, Deadline deadline) {
        try (Traced span = traces.start("shopify " + document.name(), SpanKind.CLIENT)) {
            span.set("shopify.operation", document.name()).set("shopsync.shop", shop.domain())
                    .set("shopify.lane", lane.name());
            try {
                return call(shop, document, variables, lane, deadline, span);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private GraphQlResponse call(ShopConnection shop, GraphQlDocument document, Map<String, Object> variables,
            Lane lane, Deadline deadline, Traced span) {
        // read a lazily resolved token first: a secret that cannot be read fails at once, with its own message,
        // rather than as a transport error retried by the guard
        shop.token();
        String body = requestBody(document, variables);
        String shape = QueryShape.of(document, variables);
        int cost = requestedCost(shape, document, variables);
        span.set("shopify.cost.requested", cost);
        AtomicInteger attempts = new AtomicInteger();
        long throttledMillis = 0;
        long requestNanos = 0;
        for (int round = 1; round <= config.maxAttempts(); round++) {
            span.set("shopify.rounds", round);
            CostBudget.Grant grant = budget.acquire(shop.domain(), cost, lane, deadline);
            throttledMillis += grant.waitedMillis();
            Exchange exchange;
            long sent = System.nanoTime();
            try {
                exchange = guards.forShop(shop.domain()).call(() -> send(shop, body, deadline, attempts));
                requestNanos += System.nanoTime() - sent;
            } catch (DeadlineReachedException e) {
                budget.settle(grant.lease(), null, attempts.get() > 0);
                throw e;
            } catch (Exception e) {
                budget.settle(grant.lease(), null, true);
                metrics.shopifyCall(shop.domain(), document.name(), "failed",
                        Duration.ofNanos(System.nanoTime() - sent));
                throw failure(shop, e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            span.set("http.response.status_code", exchange.status()).set("shopify.attempts", attempts.get())
                    .set("shopify.throttled_ms", throttledMillis);
            warnOnVersionFallForward(shop, exchange.apiVersion());
            if (exchange.status() == 429) {
                metrics.shopifyCall(shop.domain(), document.name(), "http_429", took);
                budget.settle(grant.lease(), null, false);
                throttledMillis += pause.waitFor(shop.domain(), retryAfter(exchange.retryAfter()), deadline);
                continue;
            }
            if (exchange.status() != 200) {
                metrics.shopifyCall(shop.domain(), document.name(), "http_" + exchange.status(), took);
                budget.settle(grant.lease(), null, false);
                throw new ShopifyApiException(describeClientError(shop, exchange.status()), exchange.status());
            }
            JsonNode root = exchange.body();
            QueryCost queryCost = QueryCostParser.parse(root.path("extensions").path("cost"));
            budget.settle(grant.lease(), queryCost, true);
            if (queryCost != null && queryCost.requestedQueryCost() > 0) {
                costs.remember(shape, queryCost.requestedQueryCost());
                cost = queryCost.requestedQueryCost();
            }
            JsonNode errors = root.path("errors");
            boolean throttled = isThrottled(errors);
            boolean failed = !throttled && errors.isArray() && !errors.isEmpty();
            metrics.shopifyCall(shop.domain(), document.name(), throttled ? "throttled" : failed ? "error" : "ok",
                    took);
            metrics.shopifyCost(shop.domain(), queryCost == null ? 0 : queryCost.charged(), throttled);
            span.set("shopify.cost.actual", queryCost == null ? 0 : queryCost.charged()).set("shopify.throttled",
                    throttled);
            if (throttled) {
                // The bucket now holds Shopify's level; the next acquire waits exactly for what is missing.
                continue;
            }
            if (errors.isArray() && !errors.isEmpty()) {
                boolean noData = root.path("data").isNull() || root.path("data").isMissingNode();
                // Partial data is never persisted as if it were complete.
                throw new ShopifyApiException("shop " + shop.domain() + ": query " + document.name()
                        + (noData ? " rejected: " : " returned errors: ") + errorMessages(errors), 200);
            }
            span.set("shopify.throttled_ms", throttledMillis);
            return new GraphQlResponse(root.path("data"), queryCost, throttledMillis, attempts.get(),
                    requestNanos / 1_000_000);
        }
        throw new ShopifyApiException("shop " + shop.domain() + ": still throttled after " + config.maxAttempts()
                + " rounds of " + document.name(), 429);
    }

    private int requestedCost(String shape, GraphQlDocument document, Map<String, Object> variables) {
        return costs.requestedCost(shape)
                .orElseGet(() -> estimator.estimate(document.text(), variables, document.name()));
    }

    /**
     * One HTTP exchange; transient failures are thrown for the guard to retry. The whole exchange (connecting, the
     * headers, the body) gets at most the time left before the deadline: a slow answer ends the call, and the slice,
     * in time instead of carrying it past its Lambda deadline.
     */
    private Exchange send(ShopConnection shop, String body, Deadline deadline, AtomicInteger attempts) {
        Duration remaining = deadline.remaining();
        if (remaining.compareTo(MINIMUM_FOR_A_CALL) < 0) {
            throw new DeadlineReachedException(shop.domain(), MINIMUM_FOR_A_CALL, remaining);
        }
        Duration configured = config.connectTimeout().plus(config.readTimeout());
        boolean clamped = remaining.compareTo(configured) < 0;
        Duration limit = clamped ? remaining : configured;
        attempts.incrementAndGet();
        AdminGraphQlApi api = clients.forShop(shop);
        Response answered;
        try {
            answered = api.post(shop.apiVersion(), shop.token().reveal(), body).await().atMost(limit);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            if (clamped) {
                throw DeadlineReachedException.noAnswerWithin("shop " + shop.domain(), limit);
            }
            throw new TransientShopifyException("shop " + shop.domain() + ": no answer within "
                    + limit.toSeconds() + " s", e);
        } catch (RuntimeException e) {
            // Connection refused/reset, read timeouts, bodies cut short: transient until proven otherwise.
            throw new TransientShopifyException("shop " + shop.domain() + ": transport error ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        try (Response response = answered) {
            int status = response.getStatus();
            String version = response.getHeaderString("X-Shopify-API-Version");
            if (status >= 500) {
                throw new TransientShopifyException("shop " + shop.domain() + ": HTTP " + status, null);
            }
            if (status == 200) {
                String text = response.readEntity(String.class);
                return new Exchange(status, parse(shop, text), null, version);
            }
            return new Exchange(status, null, response.getHeaderString("Retry-After"), version);
        } catch (ProcessingException e) {
            // Connection refused/reset, read timeouts, bodies cut short: transient until proven otherwise.
            throw new TransientShopifyException("shop " + shop.domain() + ": transport error ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private JsonNode parse(ShopConnection shop, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TransientShopifyException("shop " + shop.domain() + ": unreadable (truncated?) response body",
                    e);
        }
    }

    private RuntimeException failure(ShopConnection shop, Exception e) {
        if (e instanceof CircuitBreakerOpenException) {
            return new ShopifyApiException("shop " + shop.domain() + ": circuit open after repeated failures; "
                    + "calls resume after " + config.circuitBreaker().delay().toSeconds() + " s", 503, e);
        }
        if (e instanceof TimeoutException) {
            return new ShopifyApiException("shop " + shop.domain() + ": no answer within "
                    + config.readTimeout().toSeconds() + " s, retries exhausted", 504, e);
        }
        if (e instanceof TransientShopifyException transientFailure) {
            return new ShopifyApiException(transientFailure.getMessage() + "; retries exhausted", 503, e);
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ShopifyApiException("shop " + shop.domain() + ": " + e.getMessage(), 0, e);
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
