package dev.shopsync.simulator;

import java.time.Instant;

/**
 * One payment transaction of an order.
 *
 * @param kind   an {@code OrderTransactionKind} name
 * @param status an {@code OrderTransactionStatus} name
 * @param amount a decimal string
 */
public record TransactionTruth(long id, String gid, String kind, String status, String amount, Instant createdAt) {

    public static String gidOf(long id) {
        return "gid://shopify/OrderTransaction/" + id;
    }
}
