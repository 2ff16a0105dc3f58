package dev.shopsync.sync.product;

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
 * Products from a bulk result: a product line is written like a page row without variants and media (which
 * replaces its variant set and raw), and the variant and media lines that follow, anywhere later in the file, are
 * added to it. The rows end up as the paginated sync writes them.
 */
@ApplicationScoped
public class ProductBulkLines implements BulkResource {

    private static final BulkQueries QUERIES = new BulkQueries(ProductSyncer.RESOURCE, "products",
            "ProductsBulk", Optional.of("ProductsOldest"));

    private final ProductSyncer syncer;
    private final ProductPageWriter writer;

    public ProductBulkLines(ProductSyncer syncer, ProductPageWriter writer) {
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
        List<ProductRow> products = new ArrayList<>();
        List<VariantRow> variants = new ArrayList<>();
        List<ProductPageWriter.Medium> media = new ArrayList<>();
        BulkLineRoutes.of(ProductSyncer.RESOURCE)
                .root("Product", (line, n) -> products.add(syncer.rowOf(line.node())))
                .child("ProductVariant", (line, n) -> variants.add(syncer.variant(line.parentId(), line.node())))
                // MediaImage, Video, ExternalVideo, Model3d: all media, kept in the product's raw
                .child(line -> true, (line, n) -> media.add(syncer.medium(line.parentId(), line.node())))
                .route(lines, firstLine);
        // parents first: a child in this chunk may belong to a product of this chunk
        writer.writeRows(connection, shopId, products);
        writer.addBulkChildren(connection, shopId, variants, media);
        return List.of();
    }
}
