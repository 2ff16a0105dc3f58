package dev.shopsync.lambda;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.Tier;
import dev.shopsync.observability.EmfPublisher;
import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.observability.SyncMetrics;
import dev.shopsync.persistence.RedactedSqlError;
import dev.shopsync.read.ReadApi;

/**
 * Lambda entry point of the {@code read} function, behind {@code GET /shops/{shop}/{proxy+}} on the HTTP API
 * (IAM-authorised route), in API Gateway's payload format 2.0: the synced data of one shop as JSON (routes in
 * {@link dev.shopsync.read.ReadRequest}).
 */
@Named("read")
public class ReadHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ReadApi api;
    private final SyncMetrics metrics;
    private final EmfPublisher emf;
    private final Traces traces;

    public ReadHandler(ReadApi api, SyncMetrics metrics, EmfPublisher emf, Traces traces) {
        this.api = api;
        this.metrics = metrics;
        this.emf = emf;
        this.traces = traces;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        try (LogContext log = LogContext.invocation(requestId);
                Traced span = traces.invocation("read", requestId, "http")) {
            long started = System.nanoTime();
            Map<String, Object> request = event == null ? Map.of() : event;
            try {
                ReadApi.Reply reply = api.read(method(request), path(request), query(request));
                Answer answer = reply.answer();
                String cache = reply.tier().map(Tier::header).orElse("rejected");
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("content-type", "application/json");
                // the cache is ours to validate: a client or CDN keeping an answer would miss the next commit
                headers.put("cache-control", "no-store");
                reply.tier().ifPresent(tier -> headers.put("x-cache", tier.header()));
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("statusCode", answer.status());
                response.put("headers", headers);
                response.put("body", answer.body());
                metrics.read(cache, answer.status(), Duration.ofNanos(System.nanoTime() - started));
                span.set("http.response.status_code", answer.status()).set("shopsync.cache", cache);
                return response;
            } catch (RuntimeException e) {
                span.failed(e);
                // what Lambda logs and answers never carries a database's text (it can quote row values)
                throw RedactedSqlError.redacted(e);
            } finally {
                emf.flush();
            }
        } finally {
            traces.flush();
        }
    }

    private static String method(Map<String, Object> event) {
        if (event.get("requestContext") instanceof Map<?, ?> context && context.get("http") instanceof Map<?, ?> http
                && http.get("method") instanceof String method) {
            return method;
        }
        return "GET";
    }

    /** rawPath; without it (a hand-made test event), the route's path parameters. */
    private static String path(Map<String, Object> event) {
        if (event.get("rawPath") instanceof String path) {
            return path;
        }
        if (event.get("pathParameters") instanceof Map<?, ?> parameters && parameters.get("shop") instanceof String shop
                && parameters.get("proxy") instanceof String proxy) {
            return "/shops/" + shop + "/" + proxy;
        }
        return "";
    }

    private static Map<String, String> query(Map<String, Object> event) {
        Map<String, String> query = new LinkedHashMap<>();
        if (event.get("queryStringParameters") instanceof Map<?, ?> parameters) {
            parameters.forEach((name, value) -> {
                if (name instanceof String key && value instanceof String text) {
                    query.put(key, text);
                }
            });
        }
        return query;
    }
}
