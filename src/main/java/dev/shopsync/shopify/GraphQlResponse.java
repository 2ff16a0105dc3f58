package dev.shopsync.shopify;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.budget.QueryCost;

/**
 * A successful GraphQL answer.
 *
 * @param data           the {@code data} member
 * @param cost           {@code extensions.cost}
 * @param throttledMillis time spent waiting on THROTTLED / 429 before this answer came
 * @param attempts       HTTP requests it took
 * @param requestMillis  time spent in those HTTP requests (retries included, budget waits excluded)
 */
public record GraphQlResponse(JsonNode data, QueryCost cost, long throttledMillis, int attempts,
        long requestMillis) {
}
