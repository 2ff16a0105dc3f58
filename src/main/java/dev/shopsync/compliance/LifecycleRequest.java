package dev.shopsync.compliance;

import java.time.Instant;

/**
 * An open row of {@code shop_lifecycle_request}: what a verified webhook asked for, not yet decided or not yet done.
 *
 * @param kind   {@link #UNINSTALL} or {@link #REDACT}
 * @param status {@code pending} or {@code erasing}
 */
public record LifecycleRequest(long id, long shopId, String kind, String status, Instant receivedAt,
        long rowsErased) {

    public static final String UNINSTALL = "uninstall";
    public static final String REDACT = "redact";

    public boolean pending() {
        return "pending".equals(status);
    }

    public boolean erasing() {
        return "erasing".equals(status);
    }
}
