package dev.shopsync.shopify;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.budget.QueryCost;
import dev.shopsync.budget.ThrottleStatus;

/** Reads {@code extensions.cost}; Shopify sends bucket sizes as floats ({@code 2000.0}). */
final class QueryCostParser {

    private QueryCostParser() {
    }

    static QueryCost parse(JsonNode cost) {
        if (cost == null || cost.isMissingNode() || cost.isNull()) {
            return null;
        }
        JsonNode actual = cost.path("actualQueryCost");
        JsonNode throttle = cost.path("throttleStatus");
        ThrottleStatus status = throttle.isObject()
                ? new ThrottleStatus(throttle.path("maximumAvailable").asDouble(),
                        throttle.path("currentlyAvailable").asDouble(), throttle.path("restoreRate").asDouble())
                : null;
        return new QueryCost(cost.path("requestedQueryCost").asInt(),
                actual.isNumber() ? actual.asInt() : null, status);
    }
}
