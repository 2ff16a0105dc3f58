package dev.shopsync.sync.customer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.bulk.BulkLine;
import dev.shopsync.bulk.BulkLineRoutes;
import dev.shopsync.bulk.BulkQueries;
import dev.shopsync.bulk.BulkResource;

/**
 * Customers from a bulk result: a customer line is written like a page row without addresses (which replaces its
 * address set), and the address lines that follow are added to it.
 */
@ApplicationScoped
public class CustomerBulkLines implements BulkResource {

    private static final BulkQueries QUERIES = new BulkQueries(CustomerSyncer.RESOURCE, "customers",
            "CustomersBulk", Optional.of("CustomersOldest"));

    private final CustomerSyncer syncer;
    private final CustomerPageWriter writer;

    public CustomerBulkLines(CustomerSyncer syncer, CustomerPageWriter writer) {
        this.syncer = syncer;
        this.writer = writer;
    }

    @Override
    public BulkQueries queries() {
        return QUERIES;
    }

    @Override
    public List<Long> write(Connection connection, long shopId, List<BulkLine> lines, long firstLine)
            throws SQLException {
        List<CustomerRow> customers = new ArrayList<>();
        List<AddressRow> addresses = new ArrayList<>();
        BulkLineRoutes.of(CustomerSyncer.RESOURCE)
                .root("Customer", (line, n) -> customers.add(syncer.rowOf(line.node())))
                // dated like the customer by the writer; numbered by file position, then renumbered
                .child("MailingAddress", (line, n) -> addresses.add(syncer.address(line.parentId(),
                        Math.toIntExact(n), null, line.node())))
                .route(lines, firstLine);
        writer.writeRows(connection, shopId, customers);
        writer.addBulkAddresses(connection, shopId, addresses);
        return List.of();
    }
}
