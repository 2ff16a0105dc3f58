package dev.shopsync.sync.customer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.ChildSet;
import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.persistence.PositionRenumber;
import dev.shopsync.sync.PageWriter;

/**
 * Writes a page of customers and their addresses in one transaction: upsert customers (monotonic guard),
 * upsert the addresses of the customers that were applied, soft-delete the addresses they no longer have.
 */
@ApplicationScoped
public class CustomerPageWriter extends PageWriter<CustomerRow> {

    private final BulkUpsert<CustomerRow> customers;
    private final BulkUpsert<AddressRow> addresses;
    private final ChildSet<CustomerRow, AddressRow> addressSets;
    private final PositionRenumber addressPositions = new PositionRenumber("customer_address", "customer_id", "id",
            true);

    public CustomerPageWriter(DataSource dataSource, Changes changes) {
        super(dataSource, new IdReconciler("customer", new IdReconciler.Child("customer_address", "customer_id")),
                "customers", changes, Entity.Kind.CUSTOMER);
        this.customers = BulkUpsert.<CustomerRow>into("customer")
                .column("id", "bigint", CustomerRow::id)
                .column("gid", "text", CustomerRow::gid)
                .column("first_name", "text", CustomerRow::firstName)
                .column("last_name", "text", CustomerRow::lastName)
                .column("email", "text", CustomerRow::email)
                .column("phone", "text", CustomerRow::phone)
                .column("state", "text", CustomerRow::state)
                .column("verified_email", "boolean", CustomerRow::verifiedEmail)
                .textList("tags", CustomerRow::tags)
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
        this.addressSets = new ChildSet<>(addresses, "customer_address", "customer_id", CustomerRow::addresses,
                AddressRow::id);
    }

    @Override
    protected int write(Connection connection, long shopId, List<CustomerRow> rows) throws SQLException {
        Set<Long> applied = customers.execute(connection, shopId, rows);
        changed(shopId, applied);
        addressSets.write(connection, shopId, ChildSet.applied(rows, applied, CustomerRow::id));
        return applied.size();
    }

    /** The page statements inside the caller's transaction (a bulk chunk). */
    int writeRows(Connection connection, long shopId, List<CustomerRow> rows) throws SQLException {
        return write(connection, shopId, rows);
    }

    /**
     * Adds addresses from bulk lines to customers whose own line (written earlier, without them) replaced their set;
     * they are dated like their customer as stored, and renumbered per customer in file order.
     */
    void addBulkAddresses(Connection connection, long shopId, List<AddressRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Set<Long> customerIds = rows.stream().map(AddressRow::customerId).collect(Collectors.toSet());
        Map<Long, Instant> updatedAt = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT id, updated_at FROM customer WHERE shop_id = ? AND id = ANY(?::bigint[])")) {
            read.setLong(1, shopId);
            read.setArray(2, connection.createArrayOf("bigint", customerIds.toArray()));
            try (ResultSet result = read.executeQuery()) {
                while (result.next()) {
                    updatedAt.put(result.getLong(1), result.getTimestamp(2).toInstant());
                }
            }
        }
        List<AddressRow> dated = rows.stream().map(a -> new AddressRow(a.id(), a.customerId(), a.gid(), a.position(),
                a.firstName(), a.lastName(), a.company(), a.address1(), a.address2(), a.city(), a.province(),
                a.provinceCode(), a.country(), a.countryCode(), a.zip(), a.phone(), updatedAt.get(a.customerId()),
                a.raw())).toList();
        addresses.execute(connection, shopId, dated);
        addressPositions.renumber(connection, shopId, customerIds);
    }

}
