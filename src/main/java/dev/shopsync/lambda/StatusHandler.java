package dev.shopsync.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.persistence.RedactedSqlError;
import dev.shopsync.shop.UnknownShopException;
import dev.shopsync.status.StatusReport;

/**
 * Lambda entry point of the {@code status} function, behind {@code GET /status} on the HTTP API (IAM-authorised
 * route): every shop's resources with watermark, lag, rows, last slice and bulk backfill, as JSON;
 * {@code ?shop=acme.myshopify.com} narrows it to one shop (404 when the shop is not configured).
 */
@Named("status")
public class StatusHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final StatusReport report;
    private final ObjectMapper json;
    private final Traces traces;

    public StatusHandler(StatusReport report, ObjectMapper json, Traces traces) {
        this.report = report;
        this.json = json;
        this.traces = traces;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        try (LogContext log = LogContext.invocation(requestId);
                Traced span = traces.invocation("status", requestId, "http")) {
            Optional<String> shop = Optional.empty();
            if (event != null && event.get("queryStringParameters") instanceof Map<?, ?> query
                    && query.get("shop") instanceof String domain && !domain.isBlank()) {
                shop = Optional.of(domain);
            }
            try {
                return answer(200, Map.of("resources", report.of(shop)));
            } catch (UnknownShopException e) {
                span.set("http.response.status_code", 404);
                return answer(404, Map.of("error", e.getMessage()));
            } catch (RuntimeException e) {
                span.failed(e);
                // what Lambda logs and answers never carries a database's text (it can quote row values)
                throw RedactedSqlError.redacted(e);
            }
        } finally {
            traces.flush();
        }
    }

    private Map<String, Object> answer(int status, Object body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", Map.of("content-type", "application/json", "cache-control", "no-store"));
        try {
            response.put("body", json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status not serialisable", e);
        }
        return response;
    }
}
