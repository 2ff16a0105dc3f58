package dev.shopsync.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.shopify.Gid;
import dev.shopsync.simulator.AddressTruth;
import dev.shopsync.simulator.CollectionTruth;
import dev.shopsync.simulator.InventoryItemTruth;
import dev.shopsync.simulator.InventoryLevelTruth;
import dev.shopsync.simulator.CustomerTruth;
import dev.shopsync.simulator.DiscountApplicationTruth;
import dev.shopsync.simulator.FulfillmentLineItemTruth;
import dev.shopsync.simulator.FulfillmentTruth;
import dev.shopsync.simulator.LineItemTruth;
import dev.shopsync.simulator.LocationTruth;
import dev.shopsync.simulator.OrderTruth;
import dev.shopsync.simulator.RefundLineItemTruth;
import dev.shopsync.simulator.RefundTruth;
import dev.shopsync.simulator.ShippingLineTruth;
import dev.shopsync.simulator.TaxLineTruth;
import dev.shopsync.simulator.TransactionTruth;
import dev.shopsync.simulator.ProductMedia;
import dev.shopsync.simulator.ProductTruth;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.simulator.VariantTruth;
import dev.shopsync.state.RedisKeysConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;

/**
 * Test-side access to what the sync wrote: wipes one shop's rows and Redis keys, and computes one checksum per
 * row of each resource (e.g. per product: id, updated_at, title, its live variant set and its media) from
 * PostgreSQL or from the simulator's truth, so the two can be compared exactly.
 */
@ApplicationScoped
public class TestData {

    private static final List<String> ORDER_CHILD_TABLES = List.of("order_line_item", "order_shipping_line",
            "order_tax_line", "order_discount_application", "order_refund", "order_refund_line_item",
            "order_fulfillment", "order_fulfillment_line_item", "order_transaction");

    private final DataSource dataSource;
    private final RedisDataSource redis;
    private final RedisKeysConfig keys;
    private final ShopRegistry registry;
    private final ShopDirectory directory;

    private final Changes changes;

    public TestData(DataSource dataSource, RedisDataSource redis, RedisKeysConfig keys, ShopRegistry registry,
            ShopDirectory directory, Changes changes) {
        this.changes = changes;
        this.dataSource = dataSource;
        this.redis = redis;
        this.keys = keys;
        this.registry = registry;
        this.directory = directory;
    }

    public long shopId(String domain) {
        return registry.idOf(directory.require(domain));
    }

    /** Removes everything the sync stored for one shop: its rows, its runs, its offsets and its Redis keys. */
    public void reset(String domain) {
        long shopId = shopId(domain);
        for (String child : ORDER_CHILD_TABLES) {
            update("DELETE FROM " + child + " WHERE shop_id = ?", shopId);
        }
        update("DELETE FROM orders WHERE shop_id = ?", shopId);
        update("DELETE FROM order_daily WHERE shop_id = ?", shopId);
        update("DELETE FROM order_day_dirty WHERE shop_id = ?", shopId);
        update("DELETE FROM collection_product WHERE shop_id = ?", shopId);
        update("DELETE FROM collection WHERE shop_id = ?", shopId);
        update("DELETE FROM inventory_level WHERE shop_id = ?", shopId);
        update("DELETE FROM inventory_item WHERE shop_id = ?", shopId);
        update("DELETE FROM customer_address WHERE shop_id = ?", shopId);
        update("DELETE FROM customer WHERE shop_id = ?", shopId);
        update("DELETE FROM location WHERE shop_id = ?", shopId);
        update("DELETE FROM product_variant WHERE shop_id = ?", shopId);
        update("DELETE FROM product WHERE shop_id = ?", shopId);
        update("DELETE FROM sync_run WHERE shop_id = ?", shopId);
        update("DELETE FROM shop_lifecycle_request WHERE shop_id = ?", shopId);
        update("DELETE FROM customer_data_request WHERE shop_id = ?", shopId);
        update("DELETE FROM bulk_checkpoint WHERE shop_id = ?", shopId);
        update("DELETE FROM stream_offset WHERE shop_id = ?", shopId);
        deleteRedisKeys(domain);
        // the versions and cached answers of the rows just removed behind the writers' back
        deleteKeys(keys.keyPrefix() + ":{s" + shopId + "}:*");
    }

    /**
     * Records, in a transaction of its own, that the shop's entities changed: what a writer does after its commit,
     * for a test that changed rows with {@link #execute} and must not be served an answer cached before.
     */
    public void changed(long shopId, Entity... entities) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Entity entity : entities) {
                changes.record(shopId, entity);
            }
        });
    }

    /** SCAN + DEL of this shop's keys under the test prefix; never FLUSHALL. */
    public void deleteRedisKeys(String domain) {
        deleteKeys(keys.keyPrefix() + ":{" + domain + "}:*");
    }

    private void deleteKeys(String pattern) {
        List<String> found = new ArrayList<>();
        redis.key().scan(new KeyScanArgs().match(pattern).count(500)).toIterable().forEach(found::add);
        if (!found.isEmpty()) {
            redis.key().del(found.toArray(String[]::new));
        }
    }

    /** Forgets the shop's cost bucket (and its leases) only; cursors stay. */
    public void deleteBucket(String domain) {
        redis.key().del(keys.keyPrefix() + ":{" + domain + "}:bucket", keys.keyPrefix() + ":{" + domain
                + "}:bucket:leases");
    }

    public Map<Long, String> databaseChecksums(String domain) {
        long shopId = shopId(domain);
        Map<Long, List<String>> variants = new HashMap<>();
        query("SELECT product_id, id, updated_at, price, sku FROM product_variant "
                + "WHERE shop_id = ? AND deleted_at IS NULL", shopId, row -> variants
                        .computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                        .add(variant(row.getLong(2), row.getTimestamp(3).toInstant(), row.getBigDecimal(4),
                                row.getString(5))));
        // media live in the product's raw jsonb, complete when more than the inline 10
        query("SELECT p.id, m->>'id' FROM product p, jsonb_array_elements(p.raw->'media'->'nodes') m "
                + "WHERE p.shop_id = ? AND p.deleted_at IS NULL", shopId, row -> variants
                        .computeIfAbsent(row.getLong(1), k -> new ArrayList<>()).add("M:" + row.getString(2)));
        Map<Long, String> checksums = new TreeMap<>();
        query("SELECT id, updated_at, title FROM product WHERE shop_id = ? AND deleted_at IS NULL", shopId,
                row -> checksums.put(row.getLong(1), product(row.getLong(1), row.getTimestamp(2).toInstant(),
                        row.getString(3), variants.getOrDefault(row.getLong(1), List.of()))));
        return checksums;
    }

    public static Map<Long, String> truthChecksums(SimulatedShop shop) {
        Map<Long, String> checksums = new TreeMap<>();
        for (ProductTruth product : shop.products()) {
            List<String> variants = new ArrayList<>();
            for (VariantTruth v : product.variants()) {
                variants.add(variant(v.id(), v.updatedAt(), new BigDecimal(v.price()), v.sku()));
            }
            ProductMedia.of(product).forEach(image -> variants.add("M:" + image.gid()));
            checksums.put(product.id(), product(product.id(), product.updatedAt(), product.title(), variants));
        }
        return checksums;
    }

    /** Per customer: id, updated_at, e-mail, state and the live address set (ids and cities). */
    public Map<Long, String> databaseCustomerChecksums(String domain) {
        long shopId = shopId(domain);
        Map<Long, List<String>> addresses = new HashMap<>();
        query("SELECT customer_id, id, city FROM customer_address WHERE shop_id = ? AND deleted_at IS NULL", shopId,
                row -> addresses.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                        .add(row.getLong(2) + ":" + row.getString(3)));
        Map<Long, String> checksums = new TreeMap<>();
        query("SELECT id, updated_at, email, state FROM customer WHERE shop_id = ? AND deleted_at IS NULL", shopId,
                row -> checksums.put(row.getLong(1), digest(row.getLong(1) + "|" + row.getTimestamp(2).toInstant()
                        + "|" + row.getString(3) + "|" + row.getString(4),
                        addresses.getOrDefault(row.getLong(1), List.of()))));
        return checksums;
    }

    public static Map<Long, String> truthCustomerChecksums(SimulatedShop shop) {
        Map<Long, String> checksums = new TreeMap<>();
        for (CustomerTruth c : shop.customers()) {
            List<String> addresses = new ArrayList<>();
            for (AddressTruth a : c.addresses()) {
                addresses.add(Gid.numericId(a.id()) + ":" + a.city());
            }
            checksums.put(c.id(), digest(c.id() + "|" + c.updatedAt() + "|" + c.email() + "|" + c.state(),
                    addresses));
        }
        return checksums;
    }

    /** Per location: id, updated_at, name and active flag. */
    public Map<Long, String> databaseLocationChecksums(String domain) {
        Map<Long, String> checksums = new TreeMap<>();
        query("SELECT id, updated_at, name, is_active FROM location WHERE shop_id = ? AND deleted_at IS NULL",
                shopId(domain), row -> checksums.put(row.getLong(1), digest(row.getLong(1) + "|"
                        + row.getTimestamp(2).toInstant() + "|" + row.getString(3) + "|" + row.getBoolean(4),
                        List.of())));
        return checksums;
    }

    public static Map<Long, String> truthLocationChecksums(SimulatedShop shop) {
        Map<Long, String> checksums = new TreeMap<>();
        for (LocationTruth l : shop.locations()) {
            checksums.put(l.id(), digest(l.id() + "|" + l.updatedAt() + "|" + l.name() + "|" + l.isActive(),
                    List.of()));
        }
        return checksums;
    }

    /** Per collection: id, updated_at, title and its members in collection order. */
    public Map<Long, String> databaseCollectionChecksums(String domain) {
        long shopId = shopId(domain);
        Map<Long, List<String>> members = new HashMap<>();
        query("SELECT collection_id, position, product_id FROM collection_product WHERE shop_id = ?", shopId,
                row -> members.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                        .add(String.format("%06d:%d", row.getInt(2), row.getLong(3))));
        Map<Long, String> checksums = new TreeMap<>();
        query("SELECT id, updated_at, title FROM collection WHERE shop_id = ? AND deleted_at IS NULL", shopId,
                row -> checksums.put(row.getLong(1), digest(row.getLong(1) + "|" + row.getTimestamp(2).toInstant()
                        + "|" + row.getString(3), members.getOrDefault(row.getLong(1), List.of()))));
        return checksums;
    }

    public static Map<Long, String> truthCollectionChecksums(SimulatedShop shop) {
        Map<Long, String> checksums = new TreeMap<>();
        for (CollectionTruth c : shop.collections()) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < c.productIds().size(); i++) {
                members.add(String.format("%06d:%d", i + 1, c.productIds().get(i)));
            }
            checksums.put(c.id(), digest(c.id() + "|" + c.updatedAt() + "|" + c.title(), members));
        }
        return checksums;
    }

    /** Per inventory item: id, updated_at, variant and the quantities at every location. */
    public Map<Long, String> databaseInventoryChecksums(String domain) {
        long shopId = shopId(domain);
        Map<Long, List<String>> levels = new HashMap<>();
        query("SELECT inventory_item_id, location_id, available, on_hand, committed, incoming FROM inventory_level "
                + "WHERE shop_id = ?", shopId, row -> levels.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                        .add(row.getLong(2) + ":" + row.getInt(3) + ":" + row.getInt(4) + ":" + row.getInt(5) + ":"
                                + row.getInt(6)));
        Map<Long, String> checksums = new TreeMap<>();
        query("SELECT id, updated_at, variant_id FROM inventory_item WHERE shop_id = ? AND deleted_at IS NULL", shopId,
                row -> checksums.put(row.getLong(1), digest(row.getLong(1) + "|" + row.getTimestamp(2).toInstant()
                        + "|" + row.getLong(3), levels.getOrDefault(row.getLong(1), List.of()))));
        return checksums;
    }

    public static Map<Long, String> truthInventoryChecksums(SimulatedShop shop) {
        Map<Long, String> checksums = new TreeMap<>();
        for (InventoryItemTruth item : shop.inventoryItems()) {
            List<String> levels = new ArrayList<>();
            for (InventoryLevelTruth l : item.levels()) {
                levels.add(l.locationId() + ":" + l.available() + ":" + l.onHand() + ":" + l.committed() + ":"
                        + l.incoming());
            }
            checksums.put(item.id(), digest(item.id() + "|" + item.updatedAt() + "|" + item.variantId(), levels));
        }
        return checksums;
    }

    /**
     * Per order: its own fields and every live child (line items, shipping and tax lines, discounts, refunds and
     * their lines, fulfillments and their lines, transactions) with their amounts. References to other resources
     * (customer, product, variant, location) are left out: Shopify nulls them when those are deleted without touching the
     * order, so they are checked where nothing was deleted.
     */
    public Map<Long, String> databaseOrderChecksums(String domain) {
        long shopId = shopId(domain);
        Map<Long, List<String>> children = new HashMap<>();
        childQuery(children, shopId, "SELECT order_id, 'L:' || id || ':' || quantity || ':' || position || ':' "
                + "|| trim_scale(original_unit_price) FROM order_line_item WHERE shop_id = ? AND deleted_at IS NULL");
        childQuery(children, shopId, "SELECT order_id, 'S:' || id || ':' || title || ':' || trim_scale(original_price) "
                + "FROM order_shipping_line WHERE shop_id = ? AND deleted_at IS NULL");
        childQuery(children, shopId, "SELECT order_id, 'T:' || position || ':' || title || ':' || trim_scale(rate) "
                + "|| ':' || trim_scale(price) FROM order_tax_line WHERE shop_id = ?");
        childQuery(children, shopId, "SELECT order_id, 'D:' || application_index || ':' || allocation_method || ':' "
                + "|| target_type || ':' || coalesce(trim_scale(value_amount)::text, trim_scale(value_percentage) "
                + "|| '%') FROM order_discount_application WHERE shop_id = ?");
        childQuery(children, shopId, "SELECT order_id, 'R:' || id || ':' || trim_scale(total_refunded) || ':' "
                + "|| coalesce(note, '') FROM order_refund WHERE shop_id = ? AND deleted_at IS NULL");
        childQuery(children, shopId, "SELECT order_id, 'RL:' || id || ':' || refund_id || ':' || line_item_id || ':' "
                + "|| quantity || ':' || trim_scale(subtotal) FROM order_refund_line_item "
                + "WHERE shop_id = ? AND deleted_at IS NULL");
        childQuery(children, shopId, "SELECT order_id, 'F:' || id || ':' || status FROM order_fulfillment "
                + "WHERE shop_id = ? AND deleted_at IS NULL");
        childQuery(children, shopId, "SELECT order_id, 'FL:' || id || ':' || fulfillment_id || ':' || line_item_id "
                + "|| ':' || quantity FROM order_fulfillment_line_item WHERE shop_id = ? AND deleted_at IS NULL");
        childQuery(children, shopId, "SELECT order_id, 'X:' || id || ':' || kind || ':' || status || ':' "
                + "|| trim_scale(amount) FROM order_transaction WHERE shop_id = ? AND deleted_at IS NULL");
        Map<Long, String> checksums = new TreeMap<>();
        query("SELECT id, updated_at, name, email, financial_status, fulfillment_status, trim_scale(total_price), "
                + "closed_at, cancelled_at FROM orders WHERE shop_id = ? AND deleted_at IS NULL", shopId,
                row -> checksums.put(row.getLong(1), digest(orderFields(row.getLong(1),
                        row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), row.getString(7), instantOrNull(row.getTimestamp(8)),
                        instantOrNull(row.getTimestamp(9))),
                        children.getOrDefault(row.getLong(1), List.of()))));
        return checksums;
    }

    public static Map<Long, String> truthOrderChecksums(SimulatedShop shop) {
        Map<Long, String> checksums = new TreeMap<>();
        for (OrderTruth o : shop.orders()) {
            List<String> children = new ArrayList<>();
            int position = 1;
            for (LineItemTruth l : o.lineItems()) {
                children.add("L:" + l.id() + ":" + l.quantity() + ":" + position++ + ":" + plain(l.price()));
            }
            for (ShippingLineTruth s : o.shippingLines()) {
                children.add("S:" + s.id() + ":" + s.title() + ":" + plain(s.price()));
            }
            position = 1;
            for (TaxLineTruth t : o.taxLines()) {
                children.add("T:" + position++ + ":" + t.title() + ":" + plain(t.rate()) + ":" + plain(t.price()));
            }
            for (DiscountApplicationTruth d : o.discountApplications()) {
                children.add("D:" + d.index() + ":" + d.allocationMethod() + ":" + d.targetType() + ":"
                        + (d.isPercentage() ? plain(d.value().substring(0, d.value().length() - 1)) + "%"
                                : plain(d.value())));
            }
            for (RefundTruth r : o.refunds()) {
                BigDecimal total = BigDecimal.ZERO;
                for (RefundLineItemTruth item : r.lineItems()) {
                    total = total.add(new BigDecimal(item.subtotal()));
                    children.add("RL:" + item.id() + ":" + r.id() + ":" + item.lineItemId() + ":" + item.quantity()
                            + ":" + plain(item.subtotal()));
                }
                children.add("R:" + r.id() + ":" + plain(total.toPlainString()) + ":"
                        + (r.note() == null ? "" : r.note()));
            }
            for (FulfillmentTruth f : o.fulfillments()) {
                children.add("F:" + f.id() + ":" + f.status());
                for (FulfillmentLineItemTruth item : f.lineItems()) {
                    children.add("FL:" + item.id() + ":" + f.id() + ":" + item.lineItemId() + ":" + item.quantity());
                }
            }
            for (TransactionTruth t : o.transactions()) {
                children.add("X:" + t.id() + ":" + t.kind() + ":" + t.status() + ":" + plain(t.amount()));
            }
            checksums.put(o.id(), digest(orderFields(o.id(), o.updatedAt(), o.name(), o.email(),
                    o.displayFinancialStatus(), o.displayFulfillmentStatus(), plain(o.totalPrice()), o.closedAt(),
                    o.cancelledAt()), children));
        }
        return checksums;
    }

    private static String orderFields(long id, Instant updatedAt, String name, String email, String financial,
            String fulfillment, String total, Instant closedAt, Instant cancelledAt) {
        return id + "|" + updatedAt + "|" + name + "|" + email + "|" + financial + "|" + fulfillment + "|" + total
                + "|" + closedAt + "|" + cancelledAt;
    }

    /** A decimal as PostgreSQL's trim_scale prints it. */
    private static String plain(String decimal) {
        BigDecimal value = new BigDecimal(decimal).stripTrailingZeros();
        return (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
    }

    private static Instant instantOrNull(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void childQuery(Map<Long, List<String>> children, long shopId, String sql) {
        query(sql, shopId, row -> children.computeIfAbsent(row.getLong(1), k -> new ArrayList<>())
                .add(row.getString(2)));
    }

    /** Every row's first column as text, in the statement's order. */
    public List<String> texts(String sql, Object... parameters) {
        List<String> texts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    texts.add(result.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return texts;
    }

    /** One text value (or null), for single-row checks. */
    public String text(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A statement the test needs to set a precondition. */
    public void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String variant(long id, Instant updatedAt, BigDecimal price, String sku) {
        return id + ":" + updatedAt + ":" + (price == null ? "null" : price.stripTrailingZeros().toPlainString())
                + ":" + sku;
    }

    private static String product(long id, Instant updatedAt, String title, List<String> variants) {
        return digest(id + "|" + updatedAt + "|" + title, variants);
    }

    /** SHA-256 of a row's own fields and its sorted children, with the child count readable. */
    private static String digest(String fields, List<String> children) {
        List<String> sorted = new ArrayList<>(children);
        sorted.sort(null);
        String canonical = fields + "|" + String.join(",", sorted);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12) + "/" + sorted.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, long shopId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void query(String sql, long shopId, RowConsumer consumer) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, shopId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(result);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }
}
