package dev.shopsync.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Page sizes that follow the data. The top-level {@code first} is the largest that keeps the requested cost
 * within Shopify's 1,000-point ceiling and the shop's bucket (so MAX_COST_EXCEEDED never happens for our
 * queries); a nested {@code first} shrinks when pages show the nested lists are short (a smaller reservation,
 * the same data) and grows back when a list overflowed it. Kept per warm container: a cold start simply begins
 * at the configured sizes again.
 */
@ApplicationScoped
public class AdaptivePageSize {

    /** Shopify's per-query ceiling. */
    public static final int MAX_QUERY_COST = 1000;
    private static final int MIN_NESTED = 10;

    private final Map<String, Integer> nested = new ConcurrentHashMap<>();

    /** The largest {@code first <= configured} whose cost fits under {@code cap}. */
    public int first(int configured, IntUnaryOperator costOfFirst, double cap) {
        int first = configured;
        while (first > 1 && costOfFirst.applyAsInt(first) > cap) {
            first = Math.max(1, (int) (first * 0.8));
        }
        return first;
    }

    public int nested(String stream, int configured) {
        return nested.getOrDefault(stream, configured);
    }

    /**
     * @param longestSeen the longest nested list returned inline on the last page
     * @param overflowed  whether any nested list had more than fitted inline
     */
    public void observe(String stream, int configured, int longestSeen, boolean overflowed) {
        int current = nested(stream, configured);
        int next = current;
        if (overflowed) {
            next = Math.min(configured, current * 2);
        } else if (longestSeen * 2 <= current) {
            next = Math.max(MIN_NESTED, Math.min(configured, (int) Math.ceil(Math.max(longestSeen, 1) * 1.5)));
        }
        nested.put(stream, next);
    }
}
