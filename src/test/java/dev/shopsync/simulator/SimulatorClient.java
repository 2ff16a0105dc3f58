package dev.shopsync.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A bare HTTP client for the simulator's endpoint, so tests see exactly what goes over the wire. */
final class SimulatorClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP answer; {@code body} is null when the bytes are not JSON (e.g. gzip not decoded). */
    record Reply(int status, HttpHeaders headers, JsonNode body, byte[] raw) {

        JsonNode data() {
            return body.get("data");
        }

        JsonNode cost() {
            return body.path("extensions").path("cost");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String token;

    SimulatorClient(String baseUrl, String token, String version) {
        this.url = baseUrl + "/admin/api/" + version + "/graphql.json";
        this.token = token;
    }

    Reply post(String query) {
        return post(query, Map.of());
    }

    Reply post(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        try {
            return send(request().POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder request() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json");
        return token == null ? builder : builder.header("X-Shopify-Access-Token", token);
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Reply(response.statusCode(), response.headers(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
