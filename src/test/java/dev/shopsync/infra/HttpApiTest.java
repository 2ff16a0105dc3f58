package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shopify reaches the webhook route unsigned; only IAM-signed callers reach the status and read routes. */
class HttpApiTest {

    private static final String HTTP_API = "AWS::Serverless::HttpApi";

    /** Where a route leads: the handler it runs, the API it is on, its authorizer ("NONE" without one). */
    record Route(String handler, String api, String authorizer) {
    }

    private static SamTemplate template;
    private static String api;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.project();
        var apis = template.resourcesOfType(HTTP_API).keySet();
        assertEquals(1, apis.size(), "one HTTP API serves every route: " + apis);
        api = apis.iterator().next();
    }

    @Test
    void theApiHasExactlyTheWebhookStatusAndReadRoutes() {
        assertEquals(Map.of(
                        "POST /webhooks", new Route("webhook", api, "NONE"),
                        "GET /status", new Route("status", api, "AWS_IAM"),
                        "GET /shops/{shop}/{proxy+}", new Route("read", api, "AWS_IAM")),
                routes());
    }

    @Test
    void iamRoutesAreEnabledOnTheApi() {
        Map<String, Object> auth = SamTemplate.map(properties().get("Auth"));
        assertEquals(Boolean.TRUE, auth.get("EnableIamAuthorizer"));
    }

    @Test
    void theWebhookRouteIsThrottled() {
        Map<String, Object> settings = SamTemplate.map(SamTemplate.map(properties().get("RouteSettings"))
                .get("POST /webhooks"));
        assertTrue(template.resolveInt(settings.get("ThrottlingBurstLimit")) > 0, settings.toString());
        assertTrue(template.resolveInt(settings.get("ThrottlingRateLimit")) > 0, settings.toString());
    }

    private static Map<String, Object> properties() {
        return SamTemplate.properties(template.resource(api).orElseThrow());
    }

    private static Map<String, Route> routes() {
        Map<String, Route> routes = new TreeMap<>();
        template.resourcesOfType(SamTemplate.FUNCTION).keySet().forEach(function -> {
            Map<String, Object> events = SamTemplate.map(template.functionProperties(function).get("Events"));
            events.values().stream().map(SamTemplate::map).filter(e -> "HttpApi".equals(e.get("Type"))).forEach(e -> {
                Map<String, Object> p = SamTemplate.properties(e);
                String key = String.valueOf(p.get("Method")).toUpperCase() + " " + p.get("Path");
                Object authorizer = SamTemplate.map(p.get("Auth")).getOrDefault("Authorizer", "NONE");
                // Without ApiId SAM would put the route on an implicit API of its own.
                String apiId = p.containsKey("ApiId") ? SamTemplate.pointsAt(p.get("ApiId")) : "(implicit)";
                Route previous = routes.put(key, new Route(
                        String.valueOf(template.environment(function).get("QUARKUS_LAMBDA_HANDLER")), apiId,
                        String.valueOf(authorizer)));
                assertEquals(null, previous, key + " is declared twice");
            });
        });
        return routes;
    }
}
