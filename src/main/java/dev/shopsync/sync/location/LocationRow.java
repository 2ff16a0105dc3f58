package dev.shopsync.sync.location;

import java.time.Instant;

import dev.shopsync.sync.SyncedRow;

/** A location as stored in {@code location}. */
public record LocationRow(long id, String gid, String name, Boolean isActive, Boolean fulfillsOnlineOrders,
        Boolean shipsInventory, String address1, String city, String provinceCode, String countryCode, String zip,
        Instant createdAt, Instant updatedAt, String raw) implements SyncedRow {
}
