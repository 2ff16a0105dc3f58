package dev.shopsync.sync.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.shopify.RestPayloads;


/**
 * A {@code customers/create|update} payload as the rows the GraphQL sync writes. The payload has no order count
 * or amount spent: those stay as the last sync stored them (the writer keeps a stored value over a missing one).
 */
public final class CustomerPayload {

    private CustomerPayload() {
    }

    public static Optional<CustomerRow> row(JsonNode c, String raw) {
        long id = RestPayloads.id(c);
        Instant updatedAt = RestPayloads.instant(c.path("updated_at"));
        if (updatedAt == null) {
            return Optional.empty();
        }
        List<JsonNode> addressNodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        c.path("addresses").forEach(a -> {
            if (seen.add(a.path("id").asText())) {
                addressNodes.add(a);
            }
        });
        // the default address is one of the addresses; some payloads only carry it on its own
        JsonNode defaultAddress = c.path("default_address");
        if (defaultAddress.isObject() && seen.add(defaultAddress.path("id").asText())) {
            addressNodes.add(defaultAddress);
        }
        List<AddressRow> addresses = new ArrayList<>(addressNodes.size());
        int position = 1;
        for (JsonNode a : addressNodes) {
            long addressId = RestPayloads.exactLong(a.path("id"), "addresses.id");
            addresses.add(new AddressRow(addressId, id,
                    "gid://shopify/MailingAddress/" + addressId + "?model_name=CustomerAddress", position++,
                    RestPayloads.text(a.path("first_name")), RestPayloads.text(a.path("last_name")),
                    RestPayloads.text(a.path("company")), RestPayloads.text(a.path("address1")),
                    RestPayloads.text(a.path("address2")), RestPayloads.text(a.path("city")),
                    RestPayloads.text(a.path("province")), RestPayloads.text(a.path("province_code")),
                    RestPayloads.text(a.path("country")), RestPayloads.text(a.path("country_code")),
                    RestPayloads.text(a.path("zip")), RestPayloads.text(a.path("phone")), updatedAt, a.toString()));
        }
        return Optional.of(new CustomerRow(id, RestPayloads.gid(c, "Customer"), RestPayloads.text(c.path("first_name")),
                RestPayloads.text(c.path("last_name")), RestPayloads.text(c.path("email")),
                RestPayloads.text(c.path("phone")), RestPayloads.upper(c.path("state")),
                RestPayloads.bool(c.path("verified_email")), RestPayloads.tags(c.path("tags")), null, null,
                RestPayloads.text(c.path("currency")), RestPayloads.instant(c.path("created_at")), updatedAt, raw,
                addresses));
    }
}
