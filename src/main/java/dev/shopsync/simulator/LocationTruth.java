package dev.shopsync.simulator;

import java.time.Instant;

/**
 * What the simulated shop really holds for one location. An inactive location was deactivated by its last change,
 * so the API reports {@code deactivatedAt = updatedAt} for it.
 *
 * @param address1 nullable, like every address part
 */
public record LocationTruth(long id, String gid, String name, boolean isActive, boolean fulfillsOnlineOrders,
        boolean shipsInventory, String address1, String city, String provinceCode, String countryCode, String zip,
        Instant createdAt, Instant updatedAt) {

    public static String gidOf(long id) {
        return "gid://shopify/Location/" + id;
    }
}
