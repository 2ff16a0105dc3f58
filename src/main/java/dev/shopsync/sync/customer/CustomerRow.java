package dev.shopsync.sync.customer;

import java.time.Instant;
import java.util.List;

import dev.shopsync.sync.SyncedRow;

/** A customer with ALL its addresses, as stored in {@code customer}; names, e-mail and phone are PII. */
public record CustomerRow(long id, String gid, String firstName, String lastName, String email, String phone,
        String state, Boolean verifiedEmail, List<String> tags, Long numberOfOrders, String amountSpent,
        String currencyCode, Instant createdAt, Instant updatedAt, String raw, List<AddressRow> addresses)
        implements SyncedRow {
}
