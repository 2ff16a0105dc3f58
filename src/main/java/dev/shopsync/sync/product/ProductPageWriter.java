package dev.shopsync.sync.product;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.PersistenceFailure;
import dev.shopsync.sync.ResourceSyncer;

/**
 * Writes a page of products and their variants in one transaction with three set-based statements
 * ({@link BulkUpsert}): upsert products, upsert the variants of the products that were applied, soft-delete
 * the variants those products no longer have.
 *
 * <p>Monotonic guard: a row is only replaced by one whose {@code updated_at} is not older, so a late or
 * replayed page never overwrites newer data, and a product that lost the guard keeps its variants.
 */
@ApplicationScoped
public class ProductPageWriter {

    private static final String DELETE_MISSING_VARIANTS = """
            UPDATE product_variant v SET deleted_at = now(), synced_at = now()
            WHERE v.shop_id = ? AND v.product_id = ANY(?::bigint[]) AND v.deleted_at IS NULL
              AND NOT (v.id = ANY(?::bigint[]))
            """;

    private static final String SOFT_DELETE_GONE = """
            UPDATE product SET deleted_at = now(), synced_at = now()
            WHERE shop_id = ? AND deleted_at IS NULL AND id > ? AND (?::bigint IS NULL OR id <= ?::bigint)
              AND NOT (id = ANY(?::bigint[]))
            RETURNING id
            """;

    private static final String SOFT_DELETE_THEIR_VARIANTS = """
            UPDATE product_variant SET deleted_at = now(), synced_at = now()
            WHERE shop_id = ? AND product_id = ANY(?::bigint[]) AND deleted_at IS NULL
            """;

    /** Ids Shopify has that the table lacks or holds as deleted: they come back through a full fetch. */
    private static final String MISSING = """
            SELECT s.id FROM unnest(?::bigint[]) AS s(id)
            WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.shop_id = ? AND p.id = s.id AND p.deleted_at IS NULL)
            ORDER BY s.id
            """;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final BulkUpsert<ProductRow> products;
    private final BulkUpsert<VariantRow> variants;

    public ProductPageWriter(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
        this.products = BulkUpsert.<ProductRow>into("product")
                .column("id", "bigint", ProductRow::id)
                .column("gid", "text", ProductRow::gid)
                .column("title", "text", ProductRow::title)
                .column("handle", "text", ProductRow::handle)
                .column("status", "text", ProductRow::status)
                .column("vendor", "text", ProductRow::vendor)
                .column("product_type", "text", ProductRow::productType)
                .column("tags", "text[]", p -> jsonArray(p.tags()))
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
    }

    /** Returns the number of products written (rows older than the stored ones are not counted). */
    @Transactional
    public int write(long shopId, List<ProductRow> products) {
        if (products.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<Long> applied = this.products.execute(connection, shopId, products);
            List<VariantRow> children = new ArrayList<>();
            for (ProductRow product : products) {
                if (applied.contains(product.id())) {
                    children.addAll(product.variants());
                }
            }
            this.variants.execute(connection, shopId, children);
            if (!applied.isEmpty()) {
                deleteMissingVariants(connection, shopId, new ArrayList<>(applied), children);
            }
            return applied.size();
        } catch (SQLException e) {
            throw new PersistenceFailure("writing " + products.size() + " products of shop " + shopId, e);
        }
    }

    /**
     * Reconciles one page of Shopify's product ids covering {@code (afterId, upToId]} (null: to the end):
     * soft-deletes the products (and their variants) of that range Shopify no longer has, in one transaction,
     * and returns the ids the table lacks.
     */
    @Transactional
    public ResourceSyncer.Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        try (Connection connection = dataSource.getConnection()) {
            Array present = connection.createArrayOf("bigint", shopifyIds.toArray());
            List<Long> gone = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(SOFT_DELETE_GONE)) {
                statement.setLong(1, shopId);
                statement.setLong(2, afterId);
                statement.setObject(3, upToId, java.sql.Types.BIGINT);
                statement.setObject(4, upToId, java.sql.Types.BIGINT);
                statement.setArray(5, present);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        gone.add(result.getLong(1));
                    }
                }
            }
            if (!gone.isEmpty()) {
                try (PreparedStatement statement = connection.prepareStatement(SOFT_DELETE_THEIR_VARIANTS)) {
                    statement.setLong(1, shopId);
                    statement.setArray(2, connection.createArrayOf("bigint", gone.toArray()));
                    statement.executeUpdate();
                }
            }
            List<Long> missing = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(MISSING)) {
                statement.setArray(1, present);
                statement.setLong(2, shopId);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        missing.add(result.getLong(1));
                    }
                }
            }
            return new ResourceSyncer.Reconciled(gone.size(), missing);
        } catch (SQLException e) {
            throw new PersistenceFailure("reconciling products of shop " + shopId, e);
        }
    }

    private void deleteMissingVariants(Connection connection, long shopId, List<Long> productIds,
            List<VariantRow> present) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE_MISSING_VARIANTS)) {
            statement.setLong(1, shopId);
            statement.setArray(2, connection.createArrayOf("bigint", productIds.toArray()));
            statement.setArray(3, longs(connection, present, VariantRow::id));
            statement.executeUpdate();
        }
    }

    private static <T> Array longs(Connection connection, List<T> rows, Function<T, Long> field) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(rows.get(i));
        }
        return connection.createArrayOf("bigint", values);
    }

    private String jsonArray(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tags not serialisable", e);
        }
    }
}
