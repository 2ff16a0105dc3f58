package dev.shopsync.sync.customer;

import jakarta.inject.Singleton;

import dev.shopsync.sync.RowPayloadWriter;

/** The {@code customers/create} and {@code customers/update} payloads written as customer rows. */
@Singleton
public class CustomerPayloadWriter extends RowPayloadWriter<CustomerRow> {

    public CustomerPayloadWriter(CustomerPageWriter writer) {
        super(CustomerSyncer.RESOURCE, writer, CustomerPayload::row);
    }
}
