package dev.shopsync.sync.product;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.ChildSet;
import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.sync.PageWriter;

/**
 * Writes a page of products and their variants in one transaction with three set-based statements
 * ({@link BulkUpsert}): upsert products, upsert the variants of the products that were applied, soft-delete
 * the variants those products no longer have.
 *
 * <p>Monotonic guard: a row is only replaced by one whose {@code updated_at} is not older, so a late or
 * replayed page never overwrites newer data, and a product that lost the guard keeps its variants.
 */
@ApplicationScoped
public class ProductPageWriter extends PageWriter<ProductRow> {

    private static final String APPEND_MEDIA = "UPDATE product p SET raw = jsonb_set(coalesce(p.raw, '{}'::jsonb), "
            + "'{media}', jsonb_build_object('nodes', coalesce(p.raw->'media'->'nodes', '[]'::jsonb) || coalesce(("
            + "SELECT jsonb_agg(e ORDER BY o) FROM jsonb_array_elements(m.nodes) WITH ORDINALITY AS x(e, o) "
            + "WHERE NOT coalesce(p.raw->'media'->'nodes', '[]'::jsonb) @> jsonb_build_array("
            + "jsonb_build_object('id', e->'id'))), '[]'::jsonb))) "
            + "FROM (SELECT u.product_id, jsonb_agg(u.node::jsonb ORDER BY u.ord) AS nodes "
            + "FROM unnest(?::bigint[], ?::text[], ?::integer[]) AS u(product_id, node, ord) GROUP BY u.product_id) m "
            + "WHERE p.shop_id = ? AND p.id = m.product_id";

    private final BulkUpsert<ProductRow> products;
    private final BulkUpsert<VariantRow> variants;
    private final ChildSet<ProductRow, VariantRow> variantSets;

    public ProductPageWriter(DataSource dataSource, Changes changes) {
        super(dataSource, new IdReconciler("product", new IdReconciler.Child("product_variant", "product_id"),
                // a deleted product leaves its collections without touching their updated_at
                IdReconciler.Child.removed("collection_product", "product_id")),
                "products", changes, Entity.Kind.PRODUCT);
        this.products = BulkUpsert.<ProductRow>into("product")
                .column("id", "bigint", ProductRow::id)
                .column("gid", "text", ProductRow::gid)
                .column("title", "text", ProductRow::title)
                .column("handle", "text", ProductRow::handle)
                .column("status", "text", ProductRow::status)
                .column("vendor", "text", ProductRow::vendor)
                .column("product_type", "text", ProductRow::productType)
                .textList("tags", ProductRow::tags)
                .column("created_at", "timestamptz", ProductRow::createdAt)
                .column("updated_at", "timestamptz", ProductRow::updatedAt)
                .column("published_at", "timestamptz", ProductRow::publishedAt)
                .column("raw", "jsonb", ProductRow::raw)
                .guardedBy("updated_at")
                .build();
        this.variants = BulkUpsert.<VariantRow>into("product_variant")
                .column("id", "bigint", VariantRow::id)
                .column("product_id", "bigint", VariantRow::productId)
                .column("gid", "text", VariantRow::gid)
                .column("title", "text", VariantRow::title)
                .column("sku", "text", VariantRow::sku)
                .column("barcode", "text", VariantRow::barcode)
                .column("price", "numeric", VariantRow::price)
                .column("compare_at_price", "numeric", VariantRow::compareAtPrice)
                .column("inventory_quantity", "integer", VariantRow::inventoryQuantity)
                .column("position", "integer", VariantRow::position)
                .column("taxable", "boolean", VariantRow::taxable)
                .column("created_at", "timestamptz", VariantRow::createdAt)
                .column("updated_at", "timestamptz", VariantRow::updatedAt)
                .column("raw", "jsonb", VariantRow::raw)
                .guardedBy("updated_at")
                .build();
        this.variantSets = new ChildSet<>(variants, "product_variant", "product_id", ProductRow::variants,
                VariantRow::id);
    }

    @Override
    protected int write(Connection connection, long shopId, List<ProductRow> rows) throws SQLException {
        Set<Long> applied = products.execute(connection, shopId, rows);
        changed(shopId, applied);
        if (!applied.isEmpty()) {
            changed(shopId, List.of(Entity.anyProduct().id()));
        }
        variantSets.write(connection, shopId, ChildSet.applied(rows, applied, ProductRow::id));
        return applied.size();
    }

    /** A deleted product leaves the collections that held it: their pages change. */
    @Override
    protected void deleting(Connection connection, long shopId, List<Long> ids) throws SQLException {
        changed(shopId, Entity.Kind.COLLECTION, related(connection,
                "SELECT DISTINCT collection_id FROM collection_product WHERE shop_id = ? AND product_id = ANY(?)",
                shopId, ids));
    }

    /** The page statements inside the caller's transaction (a bulk chunk). */
    int writeRows(Connection connection, long shopId, List<ProductRow> rows) throws SQLException {
        return write(connection, shopId, rows);
    }

    /**
     * Adds what a bulk result sends as lines of their own to products whose own line (written earlier, without
     * them) replaced their variant set and raw: the variants, and the media appended to {@code raw.media.nodes} in
     * file order (a medium already there is not added twice).
     */
    void addBulkChildren(Connection connection, long shopId, List<VariantRow> variantRows, List<Medium> media)
            throws SQLException {
        variants.execute(connection, shopId, variantRows);
        if (media.isEmpty()) {
            return;
        }
        try (PreparedStatement append = connection.prepareStatement(APPEND_MEDIA)) {
            append.setArray(1, connection.createArrayOf("bigint", media.stream().map(Medium::productId).toArray()));
            append.setArray(2, connection.createArrayOf("text", media.stream().map(Medium::node).toArray()));
            append.setArray(3, connection.createArrayOf("integer",
                    java.util.stream.IntStream.range(0, media.size()).boxed().toArray()));
            append.setLong(4, shopId);
            append.executeUpdate();
        }
    }

    /** One media node (JSON text) of a product, from a bulk line. */
    record Medium(long productId, String node) {
    }

}
