package dev.shopsync.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What the simulated shop really holds for one customer; addresses in the order the shop lists them (the first is the
 * default address).
 *
 * @param state       ENABLED, DISABLED, INVITED or DECLINED
 * @param amountSpent a decimal string such as {@code "123.45"}, as Shopify's Decimal scalar serialises it
 * @param phone       nullable: many customers have none
 */
public record CustomerTruth(long id, String gid, String firstName, String lastName, String email, String phone,
        String state, boolean verifiedEmail, List<String> tags, long numberOfOrders, String amountSpent,
        String currencyCode, Instant createdAt, Instant updatedAt, List<AddressTruth> addresses) {

    public CustomerTruth {
        tags = List.copyOf(tags);
        addresses = List.copyOf(addresses);
    }

    public static String gidOf(long id) {
        return "gid://shopify/Customer/" + id;
    }
}
