package dev.shopsync.sync.product;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.bulk.BulkLine;
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
    private final ObjectMapper json;

    public ProductBulkLines(ProductSyncer syncer, ProductPageWriter writer, ObjectMapper json) {
        this.syncer = syncer;
        this.writer = writer;
        this.json = json;
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
        for (BulkLine line : lines) {
            if (line.root()) {
                if (!"Product".equals(line.type())) {
                    throw new IllegalArgumentException("a products bulk result has a root line of type "
                            + line.type());
                }
                products.add(syncer.rowOf(line.node()));
            } else if ("ProductVariant".equals(line.type())) {
                variants.add(syncer.variant(line.parentId(), line.node()));
            } else {
                // MediaImage, Video, ExternalVideo, Model3d: all media, kept in the product's raw
                media.add(new ProductPageWriter.Medium(line.parentId(), text(line)));
            }
        }
        // parents first: a child in this chunk may belong to a product of this chunk
        writer.writeRows(connection, shopId, products);
        writer.addBulkChildren(connection, shopId, variants, media);
        return List.of();
    }

    private String text(BulkLine line) {
        try {
            return json.writeValueAsString(line.node());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bulk line not serialisable", e);
        }
    }
}
