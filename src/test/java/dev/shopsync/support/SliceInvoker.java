package dev.shopsync.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Invokes the sync-slice handler exactly as AWS would: the event JSON to Quarkus' mock Lambda event server. */
public final class SliceInvoker {

    private SliceInvoker() {
    }

    public static Response invokeRaw(Object event) {
        return given().contentType("application/json").accept("application/json").body(event).when().post();
    }

    public static JsonPath slice(Map<String, Object> event) {
        Response response = invokeRaw(event);
        response.then().statusCode(200);
        return response.jsonPath();
    }

    public static JsonPath slice(String shop, Integer maxPages) {
        Map<String, Object> event = new HashMap<>();
        event.put("shop", shop);
        event.put("resource", "products");
        if (maxPages != null) {
            event.put("maxPages", maxPages);
        }
        Response response = invokeRaw(event);
        response.then().statusCode(200);
        return response.jsonPath();
    }

    /** What a stream's slices did until it had nothing more to do. */
    public record Run(int records, int slices, int cost) {
    }

    /** Invokes slices of one (resource, mode) stream until {@code hasMore} is false; at most 500. */
    public static Run runToEnd(String shop, String resource, String mode, int maxPages) {
        int records = 0;
        int cost = 0;
        int slices = 0;
        boolean hasMore = true;
        while (hasMore) {
            Map<String, Object> event = new HashMap<>();
            event.put("shop", shop);
            event.put("resource", resource);
            event.put("maxPages", maxPages);
            if (mode != null) {
                event.put("mode", mode);
            }
            JsonPath result = slice(event);
            records += result.getInt("records");
            cost += result.getInt("costSpent");
            hasMore = result.getBoolean("hasMore");
            if (++slices >= 500) {
                throw new AssertionError(shop + "/" + resource + " does not converge");
            }
        }
        return new Run(records, slices, cost);
    }
}
