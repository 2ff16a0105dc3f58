package dev.shopsync.budget;

/**
 * {@code extensions.cost} of a response. {@code actualQueryCost} is null when the query did not run
 * (THROTTLED).
 */
public record QueryCost(int requestedQueryCost, Integer actualQueryCost, ThrottleStatus throttleStatus) {

    /** Points this call finally took from the bucket. */
    public int charged() {
        return actualQueryCost == null ? 0 : actualQueryCost;
    }
}
