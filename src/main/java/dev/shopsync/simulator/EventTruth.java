package dev.shopsync.simulator;

import java.time.Instant;

/**
 * A {@code BasicEvent} in the shop's event log; the simulator records the {@code destroy} events of products,
 * collections and orders, which is what a sync reads the log for.
 *
 * @param subjectType an {@code EventSubjectType}, e.g. {@code PRODUCT}
 */
public record EventTruth(long id, String action, String subjectType, long subjectId, String subjectGid,
        Instant createdAt) {

    public String gid() {
        return "gid://shopify/BasicEvent/" + id;
    }
}
