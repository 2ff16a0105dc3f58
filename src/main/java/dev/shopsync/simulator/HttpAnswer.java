package dev.shopsync.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * What the endpoint answers one request with, and how the answer reaches the client: whole, cut off part way, or
 * not at all; on time or {@code lateBy} late.
 */
record HttpAnswer(int status, Map<String, Object> body, String version, String retryAfter, Delivery delivery,
        Duration lateBy) {

    enum Delivery {
        WHOLE,
        /** Headers promise the whole body; part of it is sent, then the connection closes. */
        TRUNCATED,
        /** The connection closes before a byte of the response is sent. */
        DROPPED
    }

    HttpAnswer(int status, Map<String, Object> body, String version, String retryAfter) {
        this(status, body, version, retryAfter, Delivery.WHOLE, Duration.ZERO);
    }

    /** No response at all: the connection closes before a byte is sent. */
    static HttpAnswer dropped() {
        return new HttpAnswer(0, null, null, null, Delivery.DROPPED, Duration.ZERO);
    }

    HttpAnswer late(Duration by) {
        return new HttpAnswer(status, body, version, retryAfter, delivery, by);
    }

    HttpAnswer delivered(Delivery how) {
        return new HttpAnswer(status, body, version, retryAfter, how, lateBy);
    }
}
