package dev.shopsync.sync.product;

import jakarta.inject.Singleton;

import dev.shopsync.sync.RowPayloadWriter;

/** The {@code products/create} and {@code products/update} payloads written as product rows. */
@Singleton
public class ProductPayloadWriter extends RowPayloadWriter<ProductRow> {

    public ProductPayloadWriter(ProductPageWriter writer) {
        super(ProductSyncer.RESOURCE, writer, ProductPayload::row);
    }
}
