package dev.shopsync.sync.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.shopify.Gid;
import dev.shopsync.sync.GraphQlResourceSyncer;
import dev.shopsync.sync.NestedList;
import dev.shopsync.sync.ResourceQueries;
import dev.shopsync.sync.SyncToolkit;

/** Customers with all their addresses. */
@Singleton
public class CustomerSyncer extends GraphQlResourceSyncer<CustomerRow> {

    public static final String RESOURCE = "customers";
    /** Most customers have a handful of addresses; more are paged. */
    private static final int ADDRESSES_INLINE = 10;
    private static final ResourceQueries QUERIES = new ResourceQueries("customers", "Customer", "CustomersPage",
            "CustomerIds", "CustomersByIds", true, true, List.of(new NestedList("addressesV2", "addressesFirst",
                    ADDRESSES_INLINE, "CustomerAddressesPage", "customer")));

    public CustomerSyncer(CustomerPageWriter writer, SyncToolkit toolkit) {
        super(QUERIES, "customer", writer, toolkit);
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    protected CustomerRow toRow(long id, JsonNode node) {
        JsonNode addressNodes = nodesOf(node, "addressesV2");
        ObjectNode raw = node.deepCopy();
        raw.remove("addressesV2");
        Instant updatedAt = instant(node.path("updatedAt"));
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        List<AddressRow> addresses = new ArrayList<>(addressNodes.size());
        int position = 1;
        for (JsonNode a : addressNodes) {
            addresses.add(address(id, position++, updatedAt, a));
        }
        JsonNode orders = node.path("numberOfOrders");
        return new CustomerRow(id, node.path("id").asText(), textOrNull(node.path("firstName")),
                textOrNull(node.path("lastName")), textOrNull(node.path("email")), textOrNull(node.path("phone")),
                textOrNull(node.path("state")),
                node.path("verifiedEmail").isBoolean() ? node.path("verifiedEmail").asBoolean() : null, tags,
                // UnsignedInt64 arrives as a string; parsed as a long, never through a double
                orders.isMissingNode() || orders.isNull() ? null : Long.parseLong(orders.asText()),
                textOrNull(node.path("amountSpent").path("amount")),
                textOrNull(node.path("amountSpent").path("currencyCode")), instant(node.path("createdAt")),
                updatedAt, json(raw), addresses);
    }

    /** One address node of customer {@code customerId}, dated like the customer. */
    AddressRow address(long customerId, int position, Instant customerUpdatedAt, JsonNode a) {
        return new AddressRow(Gid.numericId(a.path("id").asText()), customerId, a.path("id").asText(), position,
                textOrNull(a.path("firstName")), textOrNull(a.path("lastName")), textOrNull(a.path("company")),
                textOrNull(a.path("address1")), textOrNull(a.path("address2")), textOrNull(a.path("city")),
                textOrNull(a.path("province")), textOrNull(a.path("provinceCode")), textOrNull(a.path("country")),
                textOrNull(a.path("countryCodeV2")), textOrNull(a.path("zip")), textOrNull(a.path("phone")),
                customerUpdatedAt, json(a));
    }
}
