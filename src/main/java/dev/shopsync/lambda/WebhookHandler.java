package dev.shopsync.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.EmfPublisher;
import dev.shopsync.observability.SyncMetrics;
import dev.shopsync.webhook.WebhookEndpoint;
import dev.shopsync.webhook.WebhookRequest;
import dev.shopsync.webhook.WebhookResponse;

/**
 * Lambda entry point of the {@code webhook} function behind API Gateway (HTTP API payload 2.0, or a REST API's
 * 1.0 events): Shopify's webhook deliveries, answered with an API Gateway response.
 */
@Named("webhook")
public class WebhookHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Answers given only after the signature held: only then is the topic header worth a metric dimension. */
    private static final Set<Integer> VERIFIED = Set.of(200, 409, 503);

    private final WebhookEndpoint endpoint;
    private final SyncMetrics metrics;
    private final EmfPublisher emf;

    public WebhookHandler(WebhookEndpoint endpoint, SyncMetrics metrics, EmfPublisher emf) {
        this.endpoint = endpoint;
        this.metrics = metrics;
        this.emf = emf;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try (LogContext log = LogContext.invocation(context == null ? null : context.getAwsRequestId())) {
            long started = System.nanoTime();
            WebhookRequest request = null;
            WebhookResponse response;
            try {
                request = WebhookRequest.fromApiGateway(event);
                response = endpoint.handle(request);
            } catch (WebhookRequest.MalformedRequestException e) {
                response = new WebhookResponse(400, "{\"error\":\"" + e.getMessage() + "\"}");
            }
            // anything unverified is attacker-chosen: never a dimension (it would also multiply CloudWatch metrics)
            String topic = request != null && VERIFIED.contains(response.status())
                    && request.header("X-Shopify-Topic") != null ? request.header("X-Shopify-Topic") : "unverified";
            metrics.webhook(topic, String.valueOf(response.status()), Duration.ofNanos(System.nanoTime() - started));
            emf.flush();
            return response.toApiGateway();
        }
    }
}
