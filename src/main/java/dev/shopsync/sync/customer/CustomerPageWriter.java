package dev.shopsync.sync.customer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.ChildSetPruner;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.sync.PageWriter;

/**
 * Writes a page of customers and their addresses in one transaction: upsert customers (monotonic guard),
 * upsert the addresses of the customers that were applied, soft-delete the addresses they no longer have.
 */
@ApplicationScoped
public class CustomerPageWriter extends PageWriter<CustomerRow> {

    private final ObjectMapper json;
    private final BulkUpsert<CustomerRow> customers;
    private final BulkUpsert<AddressRow> addresses;
    private final ChildSetPruner addressSets = new ChildSetPruner("customer_address", "customer_id");

    public CustomerPageWriter(DataSource dataSource, ObjectMapper json) {
        super(dataSource, new IdReconciler("customer", new IdReconciler.Child("customer_address", "customer_id")),
                "customers");
        this.json = json;
        this.customers = BulkUpsert.<CustomerRow>into("customer")
                .column("id", "bigint", CustomerRow::id)
                .column("gid", "text", CustomerRow::gid)
                .column("first_name", "text", CustomerRow::firstName)
                .column("last_name", "text", CustomerRow::lastName)
                .column("email", "text", CustomerRow::email)
                .column("phone", "text", CustomerRow::phone)
                .column("state", "text", CustomerRow::state)
                .column("verified_email", "boolean", CustomerRow::verifiedEmail)
                .column("tags", "text[]", c -> jsonArray(c.tags()))
                .column("number_of_orders", "bigint", CustomerRow::numberOfOrders)
                .column("amount_spent", "numeric", CustomerRow::amountSpent)
                .column("currency_code", "text", CustomerRow::currencyCode)
                .column("created_at", "timestamptz", CustomerRow::createdAt)
                .column("updated_at", "timestamptz", CustomerRow::updatedAt)
                .column("raw", "jsonb", CustomerRow::raw)
                .guardedBy("updated_at")
                // Shopify's GraphQL always has them; customers/update payloads do not
                .keepStoredWhenNull("number_of_orders", "amount_spent")
                .build();
        this.addresses = BulkUpsert.<AddressRow>into("customer_address")
                .column("id", "bigint", AddressRow::id)
                .column("customer_id", "bigint", AddressRow::customerId)
                .column("gid", "text", AddressRow::gid)
                .column("position", "integer", AddressRow::position)
                .column("first_name", "text", AddressRow::firstName)
                .column("last_name", "text", AddressRow::lastName)
                .column("company", "text", AddressRow::company)
                .column("address1", "text", AddressRow::address1)
                .column("address2", "text", AddressRow::address2)
                .column("city", "text", AddressRow::city)
                .column("province", "text", AddressRow::province)
                .column("province_code", "text", AddressRow::provinceCode)
                .column("country", "text", AddressRow::country)
                .column("country_code", "text", AddressRow::countryCode)
                .column("zip", "text", AddressRow::zip)
                .column("phone", "text", AddressRow::phone)
                .column("updated_at", "timestamptz", AddressRow::updatedAt)
                .column("raw", "jsonb", AddressRow::raw)
                .guardedBy("updated_at")
                .build();
    }

    @Override
    protected int write(Connection connection, long shopId, List<CustomerRow> rows) throws SQLException {
        Set<Long> applied = customers.execute(connection, shopId, rows);
        List<AddressRow> children = new ArrayList<>();
        for (CustomerRow customer : rows) {
            if (applied.contains(customer.id())) {
                children.addAll(customer.addresses());
            }
        }
        addresses.execute(connection, shopId, children);
        addressSets.prune(connection, shopId, applied, children.stream().map(AddressRow::id).toList());
        return applied.size();
    }

    private String jsonArray(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tags not serialisable", e);
        }
    }
}
