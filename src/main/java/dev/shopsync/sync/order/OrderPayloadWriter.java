package dev.shopsync.sync.order;

import jakarta.inject.Singleton;

import dev.shopsync.sync.RowPayloadWriter;

/** The {@code orders/*} payloads written as the order's own row; its children follow from a refresh. */
@Singleton
public class OrderPayloadWriter extends RowPayloadWriter<OrderRow> {

    public OrderPayloadWriter(OrderPageWriter writer) {
        super(OrderSyncer.RESOURCE, writer, OrderPayload::row);
    }

    /** The payload carries no payment transactions and other ids than GraphQL for fulfillment lines. */
    @Override
    public boolean childrenReadBack() {
        return true;
    }
}
