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
}
