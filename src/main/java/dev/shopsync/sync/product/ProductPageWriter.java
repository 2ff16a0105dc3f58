package dev.shopsync.sync.product;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.persistence.PersistenceFailure;
import dev.shopsync.sync.ResourceSyncer;

/**
 * Writes a page of products and their variants in one transaction with three set-based statements:
 * upsert products, upsert the variants of the products that were applied, soft-delete variants those products
 * no longer have. Rows travel as parallel arrays through {@code unnest}, one round trip per statement
 * whatever the page size.
 *
 * <p>Monotonic guard: a row is only replaced by one whose {@code updated_at} is not older, so a late or
 * replayed page never overwrites newer data, and a product that lost the guard keeps its variants.
 */
@ApplicationScoped
public class ProductPageWriter {

    private static final String UPSERT_PRODUCTS = """
            INSERT INTO product AS t (shop_id, id, gid, title, handle, status, vendor, product_type, tags,
                                      created_at, updated_at, published_at, deleted_at, synced_at, raw)
            SELECT ?, u.id, u.gid, u.title, u.handle, u.status, u.vendor, u.product_type,
                   ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)),
                   u.created_at::timestamptz, u.updated_at::timestamptz, u.published_at::timestamptz,
                   NULL, now(), u.raw::jsonb
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(id, gid, title, handle, status, vendor, product_type, tags, created_at, updated_at,
                      published_at, raw)
            ON CONFLICT (shop_id, id) DO UPDATE SET
                gid = excluded.gid, title = excluded.title, handle = excluded.handle, status = excluded.status,
                vendor = excluded.vendor, product_type = excluded.product_type, tags = excluded.tags,
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                published_at = excluded.published_at, deleted_at = NULL, synced_at = excluded.synced_at,
                raw = excluded.raw
            WHERE excluded.updated_at >= t.updated_at
            RETURNING t.id
            """;

    private static final String UPSERT_VARIANTS = """
            INSERT INTO product_variant AS t (shop_id, id, product_id, gid, title, sku, barcode, price,
                                              compare_at_price, inventory_quantity, position, taxable,
                                              created_at, updated_at, deleted_at, synced_at, raw)
            SELECT ?, u.id, u.product_id, u.gid, u.title, u.sku, u.barcode, u.price::numeric,
                   u.compare_at_price::numeric, u.inventory_quantity::integer, u.position::integer,
                   u.taxable::boolean, u.created_at::timestamptz, u.updated_at::timestamptz, NULL, now(),
                   u.raw::jsonb
            FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(id, product_id, gid, title, sku, barcode, price, compare_at_price, inventory_quantity,
                      position, taxable, created_at, updated_at, raw)
            ON CONFLICT (shop_id, id) DO UPDATE SET
                product_id = excluded.product_id, gid = excluded.gid, title = excluded.title, sku = excluded.sku,
                barcode = excluded.barcode, price = excluded.price, compare_at_price = excluded.compare_at_price,
                inventory_quantity = excluded.inventory_quantity, position = excluded.position,
                taxable = excluded.taxable, created_at = excluded.created_at, updated_at = excluded.updated_at,
                deleted_at = NULL, synced_at = excluded.synced_at, raw = excluded.raw
            WHERE excluded.updated_at >= t.updated_at OR t.deleted_at IS NOT NULL
            """;

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

    public ProductPageWriter(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Returns the number of products written (rows older than the stored ones are not counted). */
    @Transactional
    public int write(long shopId, List<ProductRow> products) {
        if (products.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<Long> applied = upsertProducts(connection, shopId, products);
            List<VariantRow> variants = new ArrayList<>();
            List<Long> appliedIds = new ArrayList<>(applied);
            for (ProductRow product : products) {
                if (applied.contains(product.id())) {
                    variants.addAll(product.variants());
                }
            }
            if (!variants.isEmpty()) {
                upsertVariants(connection, shopId, variants);
            }
            if (!appliedIds.isEmpty()) {
                deleteMissingVariants(connection, shopId, appliedIds, variants);
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

    private Set<Long> upsertProducts(Connection connection, long shopId, List<ProductRow> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_PRODUCTS)) {
            int i = 1;
            statement.setLong(i++, shopId);
            statement.setArray(i++, longs(connection, rows, ProductRow::id));
            statement.setArray(i++, texts(connection, rows, ProductRow::gid));
            statement.setArray(i++, texts(connection, rows, ProductRow::title));
            statement.setArray(i++, texts(connection, rows, ProductRow::handle));
            statement.setArray(i++, texts(connection, rows, ProductRow::status));
            statement.setArray(i++, texts(connection, rows, ProductRow::vendor));
            statement.setArray(i++, texts(connection, rows, ProductRow::productType));
            statement.setArray(i++, texts(connection, rows, p -> jsonArray(p.tags())));
            statement.setArray(i++, texts(connection, rows, p -> text(p.createdAt())));
            statement.setArray(i++, texts(connection, rows, p -> text(p.updatedAt())));
            statement.setArray(i++, texts(connection, rows, p -> text(p.publishedAt())));
            statement.setArray(i, texts(connection, rows, ProductRow::raw));
            Set<Long> applied = new HashSet<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    applied.add(result.getLong(1));
                }
            }
            return applied;
        }
    }

    private void upsertVariants(Connection connection, long shopId, List<VariantRow> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_VARIANTS)) {
            int i = 1;
            statement.setLong(i++, shopId);
            statement.setArray(i++, longs(connection, rows, VariantRow::id));
            statement.setArray(i++, longs(connection, rows, VariantRow::productId));
            statement.setArray(i++, texts(connection, rows, VariantRow::gid));
            statement.setArray(i++, texts(connection, rows, VariantRow::title));
            statement.setArray(i++, texts(connection, rows, VariantRow::sku));
            statement.setArray(i++, texts(connection, rows, VariantRow::barcode));
            statement.setArray(i++, texts(connection, rows, VariantRow::price));
            statement.setArray(i++, texts(connection, rows, VariantRow::compareAtPrice));
            statement.setArray(i++, texts(connection, rows, v -> text(v.inventoryQuantity())));
            statement.setArray(i++, texts(connection, rows, v -> text(v.position())));
            statement.setArray(i++, texts(connection, rows, v -> text(v.taxable())));
            statement.setArray(i++, texts(connection, rows, v -> text(v.createdAt())));
            statement.setArray(i++, texts(connection, rows, v -> text(v.updatedAt())));
            statement.setArray(i, texts(connection, rows, VariantRow::raw));
            statement.executeUpdate();
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

    private static <T> Array texts(Connection connection, List<T> rows, Function<T, String> field)
            throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(rows.get(i));
        }
        return connection.createArrayOf("text", values);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private String jsonArray(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tags not serialisable", e);
        }
    }
}
