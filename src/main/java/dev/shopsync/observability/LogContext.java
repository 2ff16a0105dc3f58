package dev.shopsync.observability;

import org.jboss.logging.MDC;

/**
 * What every log line of an invocation carries (as JSON fields in Lambda): the AWS request id, and inside a slice
 * its shop, resource, mode and slice id. Values are names and ids only, never tokens or payloads.
 */
public final class LogContext implements AutoCloseable {

    private final String[] keys;

    private LogContext(String... keysAndValues) {
        keys = new String[keysAndValues.length / 2];
        for (int i = 0; i < keysAndValues.length; i += 2) {
            keys[i / 2] = keysAndValues[i];
            if (keysAndValues[i + 1] != null) {
                MDC.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
    }

    /** The request id of one Lambda invocation (null outside Lambda: nothing is added). */
    public static LogContext invocation(String awsRequestId) {
        return new LogContext("requestId", awsRequestId);
    }

    /** One slice of one stream. */
    public static LogContext slice(String shop, String resource, String mode, String sliceId) {
        return new LogContext("shop", shop, "resource", resource, "mode", mode, "sliceId", sliceId);
    }

    @Override
    public void close() {
        for (String key : keys) {
            MDC.remove(key);
        }
    }
}
