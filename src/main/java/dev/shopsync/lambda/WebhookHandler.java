package dev.shopsync.lambda;

import java.util.Map;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.shopsync.webhook.WebhookEndpoint;
import dev.shopsync.webhook.WebhookRequest;
import dev.shopsync.webhook.WebhookResponse;

/**
 * Lambda entry point of the {@code webhook} function behind API Gateway (HTTP API payload 2.0, or a REST API's
 * 1.0 events): Shopify's webhook deliveries, answered with an API Gateway response.
 */
@Named("webhook")
public class WebhookHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final WebhookEndpoint endpoint;

    public WebhookHandler(WebhookEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        WebhookRequest request;
        try {
            request = WebhookRequest.fromApiGateway(event);
        } catch (WebhookRequest.MalformedRequestException e) {
            return new WebhookResponse(400, "{\"error\":\"" + e.getMessage() + "\"}").toApiGateway();
        }
        return endpoint.handle(request).toApiGateway();
    }
}
