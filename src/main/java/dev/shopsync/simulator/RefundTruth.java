package dev.shopsync.simulator;

import java.time.Instant;
import java.util.List;

/** One refund of an order, with the line items it gave money back for. @param note nullable */
public record RefundTruth(long id, String gid, Instant createdAt, String note, List<RefundLineItemTruth> lineItems) {

    public RefundTruth {
        lineItems = List.copyOf(lineItems);
    }

    public static String gidOf(long id) {
        return "gid://shopify/Refund/" + id;
    }
}
