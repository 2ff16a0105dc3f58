package dev.shopsync.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a shop's requests fail on their own, each rate a probability per request. One draw per request picks at
 * most one fault, so the rates are exact per-request probabilities and must add up to at most 1.
 *
 * @param http429 answer 429 with {@code retryAfter} as the Retry-After header
 * @param retryAfter sent verbatim, e.g. {@code "1.0"}: Shopify sends fractional seconds
 * @param http5xx answer 503
 * @param slow process and charge the request normally, then answer {@code slowBy} late
 * @param slowBy the extra wait of a slow answer
 * @param dropConnection close the connection without any HTTP response
 * @param truncateBody promise a full body in Content-Length, send part of it, close the connection
 * @param throttledBurst start a burst: this and the next requests of the shop, {@code burstLength} in all, are
 *        THROTTLED as if another app had drained the bucket; a request refused before its cost is known (bad token,
 *        invalid query) gets its own answer and still uses up its place in the burst
 * @param burstLength how many THROTTLED answers one burst gives
 */
public record FaultRates(double http429, String retryAfter, double http5xx, double slow, Duration slowBy,
        double dropConnection, double truncateBody, double throttledBurst, int burstLength) {

    private static final FaultRates NONE = new FaultRates(0, "1.0", 0, 0, Duration.ZERO, 0, 0, 0, 1);

    public FaultRates {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(slowBy, "slowBy");
        for (double rate : new double[] {http429, http5xx, slow, dropConnection, truncateBody, throttledBurst}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("a rate must be within [0, 1]: " + rate);
            }
        }
        // A little slack so that rates like 0.1 + 0.2 + 0.7 are not refused for a rounding error.
        if (http429 + http5xx + slow + dropConnection + truncateBody + throttledBurst > 1 + 1e-9) {
            throw new IllegalArgumentException("the rates add up to more than 1");
        }
        if (slowBy.isNegative()) {
            throw new IllegalArgumentException("slowBy must not be negative: " + slowBy);
        }
        if (burstLength < 1) {
            throw new IllegalArgumentException("burstLength must be at least 1: " + burstLength);
        }
    }

    /** No faults at all: every request is served normally. */
    public static FaultRates none() {
        return NONE;
    }

    public boolean isNone() {
        return http429 == 0 && http5xx == 0 && slow == 0 && dropConnection == 0 && truncateBody == 0
                && throttledBurst == 0;
    }

    public FaultRates withHttp429(double rate, String retryAfter) {
        return new FaultRates(rate, retryAfter, http5xx, slow, slowBy, dropConnection, truncateBody, throttledBurst,
                burstLength);
    }

    public FaultRates withHttp5xx(double rate) {
        return new FaultRates(http429, retryAfter, rate, slow, slowBy, dropConnection, truncateBody, throttledBurst,
                burstLength);
    }

    public FaultRates withSlow(double rate, Duration slowBy) {
        return new FaultRates(http429, retryAfter, http5xx, rate, slowBy, dropConnection, truncateBody,
                throttledBurst, burstLength);
    }

    public FaultRates withDropConnection(double rate) {
        return new FaultRates(http429, retryAfter, http5xx, slow, slowBy, rate, truncateBody, throttledBurst,
                burstLength);
    }

    public FaultRates withTruncateBody(double rate) {
        return new FaultRates(http429, retryAfter, http5xx, slow, slowBy, dropConnection, rate, throttledBurst,
                burstLength);
    }

    public FaultRates withThrottledBurst(double rate, int burstLength) {
        return new FaultRates(http429, retryAfter, http5xx, slow, slowBy, dropConnection, truncateBody, rate,
                burstLength);
    }
}
