package dev.shopsync.lambda;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.observability.EmfPublisher;
import dev.shopsync.observability.SyncMetrics;
import dev.shopsync.webhook.WebhookEndpoint;
import dev.shopsync.webhook.WebhookRequest;
import dev.shopsync.webhook.WebhookResponse;
import dev.shopsync.webhook.WebhookTopics;

/**
 * Lambda entry point of the {@code webhook} function behind API Gateway (HTTP API payload 2.0, or a REST API's
 * 1.0 events): Shopify's webhook deliveries, answered with an API Gateway response.
 */
@Named("webhook")
public class WebhookHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final WebhookEndpoint endpoint;
    private final SyncMetrics metrics;
    private final EmfPublisher emf;
    private final WebhookTopics topics;
    private final Traces traces;

    public WebhookHandler(WebhookEndpoint endpoint, SyncMetrics metrics, EmfPublisher emf, WebhookTopics topics,
            Traces traces) {
        this.endpoint = endpoint;
        this.topics = topics;
        this.metrics = metrics;
        this.emf = emf;
        this.traces = traces;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        try (LogContext log = LogContext.invocation(requestId);
                Traced span = traces.invocation("webhook", requestId, "http")) {
            long started = System.nanoTime();
            WebhookRequest request = null;
            WebhookResponse response;
            try {
                request = WebhookRequest.fromApiGateway(event);
                response = endpoint.handle(request);
            } catch (WebhookRequest.MalformedRequestException e) {
                response = new WebhookResponse(400, "{\"error\":\"" + e.getMessage() + "\"}");
            }
            // the header is unsigned, so attacker-chosen: only allow-listed topics become a dimension (anything else
            // would let a sender multiply CloudWatch metrics at will); the status tells verified from refused
            String topic = request == null ? WebhookTopics.OTHER : topics.dimension(request.header("X-Shopify-Topic"));
            metrics.webhook(topic, String.valueOf(response.status()), Duration.ofNanos(System.nanoTime() - started));
            span.set("shopify.webhook.topic", topic).set("http.response.status_code", response.status());
            if (response.status() >= 500) {
                span.failed("answered " + response.status());
            }
            emf.flush();
            return response.toApiGateway();
        } finally {
            traces.flush();
        }
    }
}
