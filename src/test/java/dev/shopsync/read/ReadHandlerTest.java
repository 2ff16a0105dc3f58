package dev.shopsync.read;

import static dev.shopsync.support.SimulatorResource.READ_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.change.Entity;
import dev.shopsync.compliance.PrivacyRequests;
import dev.shopsync.lambda.ReadHandler;
import dev.shopsync.simulator.ProductMedia;
import dev.shopsync.simulator.ProductTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.sync.order.DailySales;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code GET /shops/{shop}/...}: a synced shop read back through the read function, as API Gateway hands requests
 * over, and compared with the simulator's truth and with aggregates the test computes itself.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
class ReadHandlerTest {

    private static final String COUNTED_LEVEL = "NOT EXISTS (SELECT 1 FROM location loc WHERE loc.shop_id = l.shop_id "
            + "AND loc.id = l.location_id AND (loc.deleted_at IS NOT NULL OR NOT loc.is_active))";

    /** The shop is synced once for the whole class; tests that change rows put them back. */
    private static boolean synced;

    @Inject
    ReadHandler handler;

    @Inject
    Reads reads;

    @Inject
    DailySales dailySales;

    @Inject
    PrivacyRequests privacy;

    @Inject
    TestData data;

    @Inject
    ObjectMapper json;

    @InjectSimulator
    ShopifySimulator simulator;

    private long shopId;

    private void syncOnce() {
        shopId = data.shopId(READ_SHOP);
        if (synced) {
            return;
        }
        data.reset(READ_SHOP);
        for (String resource : List.of("locations", "products", "inventory", "collections", "customers", "orders")) {
            SliceInvoker.runToEnd(READ_SHOP, resource, null, 50);
        }
        synced = true;
    }

    @Test
    void aProductIsTheSimulatorsTruthByIdAndByHandle() throws Exception {
        syncOnce();
        long id = Long.parseLong(data.text("SELECT p.id FROM product p WHERE p.shop_id = ? AND p.deleted_at IS NULL "
                + "AND EXISTS (SELECT 1 FROM collection_product cp WHERE cp.shop_id = p.shop_id "
                + "AND cp.product_id = p.id) ORDER BY p.id LIMIT 1", shopId));
        ProductTruth truth = simulator.shop(READ_SHOP).products().stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow();

        JsonNode product = ok(get("/shops/" + READ_SHOP + "/products/" + id));

        assertEquals(id, product.path("id").asLong());
        assertEquals(truth.title(), product.path("title").asText());
        assertEquals(truth.handle(), product.path("handle").asText());
        assertEquals(truth.status(), product.path("status").asText());
        assertEquals(truth.tags(), json.convertValue(product.path("tags"), List.class));
        assertEquals(ProductMedia.of(truth).size(), product.path("media").size());
        JsonNode variants = product.path("variants");
        assertEquals(truth.variants().size(), variants.size());
        List<Long> truthOrder = truth.variants().stream()
                .sorted((a, b) -> Integer.compare(a.position(), b.position())).map(v -> v.id()).toList();
        List<Long> served = new ArrayList<>();
        for (JsonNode variant : variants) {
            served.add(variant.path("id").asLong());
            long available = data.count("SELECT coalesce(sum(l.available), 0) FROM inventory_level l "
                    + "JOIN inventory_item i ON i.shop_id = l.shop_id AND i.id = l.inventory_item_id "
                    + "WHERE l.shop_id = ? AND i.variant_id = ? AND i.deleted_at IS NULL AND " + COUNTED_LEVEL,
                    shopId, variant.path("id").asLong());
            assertEquals(available, variant.path("available").asLong(), variant.toString());
            assertTrue(variant.path("inventory_item_id").isIntegralNumber(), variant.toString());
        }
        assertEquals(truthOrder, served);
        assertEquals(data.texts("SELECT cp.collection_id FROM collection_product cp JOIN collection c "
                + "ON c.shop_id = cp.shop_id AND c.id = cp.collection_id AND c.deleted_at IS NULL "
                + "WHERE cp.shop_id = ? AND cp.product_id = ? ORDER BY cp.collection_id", shopId, id).stream()
                .map(Long::parseLong).toList(), longs(product.path("collection_ids")));
        assertFalse(product.path("collection_ids").isEmpty());

        JsonNode byHandle = ok(get("/shops/" + READ_SHOP + "/products/by-handle/" + truth.handle()));
        assertEquals(product, byHandle);
    }

    @Test
    void aProductAnswerDependsOnItsProductCollectionsLocationsAndTheItemsOfItsVariants() {
        syncOnce();
        long id = Long.parseLong(data.text("SELECT product_id FROM product_variant WHERE shop_id = ? "
                + "AND deleted_at IS NULL ORDER BY product_id LIMIT 1", shopId));
        Set<Entity> expected = new HashSet<>();
        expected.add(Entity.of(Entity.Kind.PRODUCT, id));
        expected.add(Entity.of(Entity.Kind.PRODUCT_COLLECTIONS, id));
        expected.add(Entity.of(Entity.Kind.LOCATIONS, 0));
        for (String item : data.texts("SELECT i.id FROM inventory_item i JOIN product_variant v "
                + "ON v.shop_id = i.shop_id AND v.id = i.variant_id AND v.deleted_at IS NULL "
                + "WHERE i.shop_id = ? AND v.product_id = ? AND i.deleted_at IS NULL", shopId, id)) {
            expected.add(Entity.of(Entity.Kind.INVENTORY_ITEM, Long.parseLong(item)));
        }
        assertTrue(expected.size() > 3, "the product has inventory items");
        assertEquals(expected, reads.answer(ProductAnswer.byId(shopId, id)).dependsOn());
        assertEquals(expected, reads.answer(ProductAnswer.byHandle(shopId,
                data.text("SELECT handle FROM product WHERE shop_id = ? AND id = ?", shopId, id))).dependsOn());

        // what would make a missing one appear
        assertEquals(Set.of(Entity.of(Entity.Kind.PRODUCT, 42)),
                reads.answer(ProductAnswer.byId(shopId, 42)).dependsOn());
        assertEquals(Set.of(Entity.anyProduct()),
                reads.answer(ProductAnswer.byHandle(shopId, "no-such-handle")).dependsOn());
    }

    @Test
    void unknownAndDeletedProductsAre404() throws Exception {
        syncOnce();
        assertError(404, "product not found", get("/shops/" + READ_SHOP + "/products/42"));
        assertError(404, "product not found", get("/shops/" + READ_SHOP + "/products/by-handle/no-such-handle"));
        String id = data.text("SELECT id FROM product WHERE shop_id = ? AND deleted_at IS NULL ORDER BY id DESC "
                + "LIMIT 1", shopId);
        String handle = data.text("SELECT handle FROM product WHERE shop_id = ? AND id = ?", shopId,
                Long.parseLong(id));
        data.execute("UPDATE product SET deleted_at = now() WHERE shop_id = ? AND id = ?", shopId, Long.parseLong(id));
        data.changed(shopId, Entity.of(Entity.Kind.PRODUCT, Long.parseLong(id)));
        try {
            assertError(404, "product not found", get("/shops/" + READ_SHOP + "/products/" + id));
            assertError(404, "product not found", get("/shops/" + READ_SHOP + "/products/by-handle/" + handle));
        } finally {
            data.execute("UPDATE product SET deleted_at = NULL WHERE shop_id = ? AND id = ?", shopId,
                    Long.parseLong(id));
            data.changed(shopId, Entity.of(Entity.Kind.PRODUCT, Long.parseLong(id)));
        }
        assertEquals(200, get("/shops/" + READ_SHOP + "/products/" + id).get("statusCode"));
    }

    @Test
    void aCollectionIsPagedInCollectionOrderEveryLiveMemberExactlyOnce() throws Exception {
        syncOnce();
        long collection = Long.parseLong(data.text("SELECT collection_id FROM collection_product WHERE shop_id = ? "
                + "GROUP BY collection_id ORDER BY count(*) DESC, collection_id LIMIT 1", shopId));
        String deleted = data.text("SELECT product_id FROM collection_product WHERE shop_id = ? "
                + "AND collection_id = ? ORDER BY position LIMIT 1 OFFSET 3", shopId, collection);
        data.execute("UPDATE product SET deleted_at = now() WHERE shop_id = ? AND id = ?", shopId,
                Long.parseLong(deleted));
        data.changed(shopId, Entity.of(Entity.Kind.PRODUCT, Long.parseLong(deleted)));
        try {
            List<Long> members = data.texts("SELECT cp.product_id FROM collection_product cp JOIN product p "
                    + "ON p.shop_id = cp.shop_id AND p.id = cp.product_id AND p.deleted_at IS NULL "
                    + "WHERE cp.shop_id = ? AND cp.collection_id = ? ORDER BY cp.position", shopId, collection)
                    .stream().map(Long::parseLong).toList();
            assertTrue(members.size() > 20, "a collection worth paging: " + members.size());
            assertFalse(members.contains(Long.parseLong(deleted)));
            String title = data.text("SELECT title FROM collection WHERE shop_id = ? AND id = ?", shopId,
                    collection);

            List<Long> served = new ArrayList<>();
            String after = null;
            int pages = 0;
            while (true) {
                Map<String, String> query = new HashMap<>();
                query.put("first", "7");
                if (after != null) {
                    query.put("after", after);
                }
                JsonNode page = ok(get("/shops/" + READ_SHOP + "/collections/" + collection + "/products", query));
                pages++;
                assertEquals(collection, page.path("collection").path("id").asLong());
                assertEquals(title, page.path("collection").path("title").asText());
                boolean more = page.path("page_info").path("has_next_page").asBoolean();
                assertEquals(more ? 7 : members.size() - served.size(), page.path("products").size());
                for (JsonNode product : page.path("products")) {
                    served.add(product.path("id").asLong());
                    assertTrue(product.path("price_range").path("min").isNumber(), product.toString());
                }
                if (!more) {
                    break;
                }
                after = page.path("page_info").path("end_cursor").asText();
            }
            assertEquals(members, served);
            assertEquals((members.size() + 6) / 7, pages);

            JsonNode first = ok(get("/shops/" + READ_SHOP + "/collections/" + collection + "/products"));
            assertEquals(Math.min(20, members.size()), first.path("products").size());
            Set<Entity> dependsOn = reads.answer(new CollectionPageAnswer(shopId, collection, new Page(5, null)))
                    .dependsOn();
            assertTrue(dependsOn.contains(Entity.of(Entity.Kind.COLLECTION, collection)));
            // the deleted member the first page went over counts: its return would change the page
            assertTrue(dependsOn.contains(Entity.of(Entity.Kind.PRODUCT, Long.parseLong(deleted))), "" + dependsOn);
            assertEquals(7, dependsOn.size());
        } finally {
            data.execute("UPDATE product SET deleted_at = NULL WHERE shop_id = ? AND id = ?", shopId,
                    Long.parseLong(deleted));
            data.changed(shopId, Entity.of(Entity.Kind.PRODUCT, Long.parseLong(deleted)));
        }
        assertError(404, "collection not found", get("/shops/" + READ_SHOP + "/collections/42/products"));
        assertError(400, "invalid cursor in 'after'", get("/shops/" + READ_SHOP + "/collections/" + collection
                + "/products", Map.of("after", "bm90LWEtY3Vyc29y")));
        assertError(400, "invalid cursor in 'after'", get("/shops/" + READ_SHOP + "/collections/" + collection
                + "/products", Map.of("after", "%%%")));
        assertError(400, "'first' is an integer from 1 to 100", get("/shops/" + READ_SHOP + "/collections/"
                + collection + "/products", Map.of("first", "101")));
        assertError(400, "'first' is an integer from 1 to 100", get("/shops/" + READ_SHOP + "/collections/"
                + collection + "/products", Map.of("first", "0")));
    }

    @Test
    void aVariantsStockPerLocation() throws Exception {
        syncOnce();
        long variant = Long.parseLong(data.text("SELECT i.variant_id FROM inventory_item i JOIN inventory_level l "
                + "ON l.shop_id = i.shop_id AND l.inventory_item_id = i.id WHERE i.shop_id = ? "
                + "AND i.deleted_at IS NULL GROUP BY i.variant_id ORDER BY count(*) DESC, i.variant_id LIMIT 1",
                shopId));
        JsonNode stock = ok(get("/shops/" + READ_SHOP + "/variants/" + variant + "/inventory"));

        assertEquals(variant, stock.path("variant_id").asLong());
        long item = Long.parseLong(data.text("SELECT id FROM inventory_item WHERE shop_id = ? AND variant_id = ?",
                shopId, variant));
        assertEquals(item, stock.path("inventory_item_id").asLong());
        assertEquals(Long.parseLong(data.text("SELECT product_id FROM product_variant WHERE shop_id = ? AND id = ?",
                shopId, variant)), stock.path("product_id").asLong());
        List<String> levels = data.texts("SELECT l.location_id || ':' || l.available || ':' || l.on_hand "
                + "FROM inventory_level l WHERE l.shop_id = ? AND l.inventory_item_id = ? AND " + COUNTED_LEVEL
                + " ORDER BY l.location_id", shopId, item);
        List<String> served = new ArrayList<>();
        for (JsonNode level : stock.path("levels")) {
            served.add(level.path("location_id").asLong() + ":" + level.path("available").asLong() + ":"
                    + level.path("on_hand").asLong());
            assertNotNull(level.path("location_name").textValue(), level.toString());
        }
        assertEquals(levels, served);
        assertFalse(levels.isEmpty());
        // levels at deactivated locations are not stock: this shop has some, and they are left out
        assertTrue(data.count("SELECT count(*) FROM inventory_level WHERE shop_id = ? AND inventory_item_id = ?",
                shopId, item) > levels.size());
        assertEquals(data.count("SELECT coalesce(sum(available), 0) FROM inventory_level l WHERE l.shop_id = ? "
                + "AND l.inventory_item_id = ? AND " + COUNTED_LEVEL, shopId, item),
                stock.path("total_available").asLong());
        assertEquals(Set.of(Entity.of(Entity.Kind.PRODUCT, stock.path("product_id").asLong()),
                Entity.of(Entity.Kind.INVENTORY_ITEM, item), Entity.of(Entity.Kind.LOCATIONS, 0)),
                reads.answer(new VariantStockAnswer(shopId, variant)).dependsOn());
        assertError(404, "variant not found", get("/shops/" + READ_SHOP + "/variants/42/inventory"));
    }

    @Test
    void anOrderWithItsLinesRefundsAndFulfillments() throws Exception {
        syncOnce();
        long order = Long.parseLong(data.text("SELECT o.id FROM orders o WHERE o.shop_id = ? "
                + "AND o.deleted_at IS NULL AND o.customer_id IS NOT NULL "
                + "AND EXISTS (SELECT 1 FROM order_refund r WHERE r.shop_id = o.shop_id AND r.order_id = o.id "
                + "AND r.deleted_at IS NULL) AND EXISTS (SELECT 1 FROM order_fulfillment f "
                + "WHERE f.shop_id = o.shop_id AND f.order_id = o.id AND f.deleted_at IS NULL) "
                + "ORDER BY o.id LIMIT 1", shopId));
        JsonNode served = ok(get("/shops/" + READ_SHOP + "/orders/" + order));

        assertEquals(order, served.path("id").asLong());
        assertEquals(data.text("SELECT name FROM orders WHERE shop_id = ? AND id = ?", shopId, order),
                served.path("name").asText());
        assertEquals(live("order_line_item", order), served.path("line_items").size());
        assertEquals(live("order_refund", order), served.path("refunds").size());
        assertEquals(live("order_fulfillment", order), served.path("fulfillments").size());
        int refundLines = 0;
        for (JsonNode refund : served.path("refunds")) {
            refundLines += refund.path("line_items").size();
        }
        assertEquals(live("order_refund_line_item", order), refundLines);
        int fulfillmentLines = 0;
        for (JsonNode fulfillment : served.path("fulfillments")) {
            fulfillmentLines += fulfillment.path("line_items").size();
        }
        assertEquals(live("order_fulfillment_line_item", order), fulfillmentLines);
        List<Long> positions = new ArrayList<>();
        served.path("line_items").forEach(line -> positions.add(line.path("position").asLong()));
        assertEquals(positions.stream().sorted().toList(), positions);
        long customer = Long.parseLong(data.text("SELECT customer_id FROM orders WHERE shop_id = ? AND id = ?",
                shopId, order));
        assertEquals(customer, served.path("customer").path("id").asLong());
        assertEquals(Set.of(Entity.of(Entity.Kind.ORDER, order), Entity.of(Entity.Kind.CUSTOMER, customer)),
                reads.answer(new OrderAnswer(shopId, order)).dependsOn());
        assertFalse(served.has("raw"));
        assertError(404, "order not found", get("/shops/" + READ_SHOP + "/orders/42"));
    }

    @Test
    void aRedactedCustomersPersonalDataIsNeverServed() throws Exception {
        syncOnce();
        // the customer with the fewest id among those with orders; the paging test takes another one
        long customer = Long.parseLong(data.text("SELECT min(customer_id) FROM orders WHERE shop_id = ? "
                + "AND deleted_at IS NULL", shopId));
        long order = Long.parseLong(data.text("SELECT min(id) FROM orders WHERE shop_id = ? AND customer_id = ? "
                + "AND deleted_at IS NULL", shopId, customer));
        String email = data.text("SELECT email FROM orders WHERE shop_id = ? AND id = ?", shopId, order);
        JsonNode before = ok(get("/shops/" + READ_SHOP + "/orders/" + order));
        if (data.text("SELECT redacted_at FROM customer WHERE shop_id = ? AND id = ?", shopId, customer) == null) {
            assertNotNull(email);
            assertEquals(email, before.path("email").asText());
            assertEquals(data.text("SELECT email FROM customer WHERE shop_id = ? AND id = ?", shopId, customer),
                    before.path("customer").path("email").asText());
        }

        privacy.redactCustomer(shopId, customer, List.of());
        // a later sync may write the order's e-mail back; the answer must not depend on it never doing so
        data.execute("UPDATE orders SET email = 'back@example.com' WHERE shop_id = ? AND id = ?", shopId, order);
        data.execute("UPDATE customer SET email = 'back@example.com', first_name = 'Back' WHERE shop_id = ? "
                + "AND id = ?", shopId, customer);
        data.changed(shopId, Entity.of(Entity.Kind.ORDER, order), Entity.of(Entity.Kind.CUSTOMER, customer));
        try {
            Map<String, Object> response = get("/shops/" + READ_SHOP + "/orders/" + order);
            JsonNode after = ok(response);
            String body = (String) response.get("body");
            assertTrue(after.path("email").isNull(), body);
            assertTrue(after.path("customer").path("email").isNull(), body);
            assertTrue(after.path("customer").path("first_name").isNull(), body);
            assertTrue(after.path("customer").path("last_name").isNull(), body);
            assertTrue(after.path("customer").path("redacted").asBoolean(), body);
            assertFalse(body.contains("back@example.com"), body);
            assertFalse(email != null && body.contains(email), body);
            assertEquals(before.path("line_items"), after.path("line_items"));
        } finally {
            data.execute("UPDATE orders SET email = NULL WHERE shop_id = ? AND id = ?", shopId, order);
            data.execute("UPDATE customer SET email = NULL, first_name = NULL WHERE shop_id = ? AND id = ?", shopId,
                    customer);
            data.changed(shopId, Entity.of(Entity.Kind.ORDER, order), Entity.of(Entity.Kind.CUSTOMER, customer));
        }
    }

    @Test
    void aCustomersOrdersNewestFirstPagedExactlyOnce() throws Exception {
        syncOnce();
        long customer = Long.parseLong(data.text("SELECT customer_id FROM orders WHERE shop_id = ? "
                + "AND deleted_at IS NULL AND customer_id > (SELECT min(customer_id) FROM orders WHERE shop_id = ?) "
                + "GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1", shopId, shopId));
        List<Long> orders = data.texts("SELECT id FROM orders WHERE shop_id = ? AND customer_id = ? "
                + "AND deleted_at IS NULL ORDER BY created_at DESC, id DESC", shopId, customer).stream()
                .map(Long::parseLong).toList();
        assertTrue(orders.size() > 2, "a customer worth paging: " + orders.size());

        List<Long> served = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, String> query = new HashMap<>();
            query.put("first", "2");
            if (after != null) {
                query.put("after", after);
            }
            JsonNode page = ok(get("/shops/" + READ_SHOP + "/customers/" + customer + "/orders", query));
            assertEquals(customer, page.path("customer").path("id").asLong());
            boolean more = page.path("page_info").path("has_next_page").asBoolean();
            assertEquals(more ? 2 : orders.size() - served.size(), page.path("orders").size());
            page.path("orders").forEach(o -> served.add(o.path("id").asLong()));
            if (!more) {
                break;
            }
            after = page.path("page_info").path("end_cursor").asText();
        }
        assertEquals(orders, served);
        Set<Entity> expected = new HashSet<>(Set.of(Entity.of(Entity.Kind.CUSTOMER, customer),
                Entity.of(Entity.Kind.CUSTOMER_ORDERS, customer)));
        orders.subList(0, 2).forEach(o -> expected.add(Entity.of(Entity.Kind.ORDER, o)));
        assertEquals(expected, reads.answer(new CustomerOrdersAnswer(shopId, customer, new Page(2, null)))
                .dependsOn());

        assertError(404, "customer not found", get("/shops/" + READ_SHOP + "/customers/42/orders"));
        data.execute("UPDATE customer SET deleted_at = now() WHERE shop_id = ? AND id = ?", shopId, customer);
        data.changed(shopId, Entity.of(Entity.Kind.CUSTOMER, customer));
        try {
            assertError(404, "customer not found", get("/shops/" + READ_SHOP + "/customers/" + customer
                    + "/orders"));
        } finally {
            data.execute("UPDATE customer SET deleted_at = NULL WHERE shop_id = ? AND id = ?", shopId, customer);
            data.changed(shopId, Entity.of(Entity.Kind.CUSTOMER, customer));
        }
        assertError(400, "invalid cursor in 'after'", get("/shops/" + READ_SHOP + "/customers/" + customer
                + "/orders", Map.of("after", CollectionPageAnswer.CURSOR.encode("3"))));
    }

    @Test
    void dailySalesAreTheOrdersAggregatedByUtcDay() throws Exception {
        syncOnce();
        List<LocalDate> days = data.texts("SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM orders "
                + "WHERE shop_id = ? AND created_at IS NOT NULL ORDER BY 1", shopId).stream()
                .map(LocalDate::parse).toList();
        assertTrue(days.size() > 1);
        // the order slices recomputed the days they changed as they ended: no reader computes an aggregate
        assertEquals(0, data.count("SELECT count(*) FROM order_day_dirty WHERE shop_id = ?", shopId));
        assertEquals(data.count("SELECT count(DISTINCT (created_at AT TIME ZONE 'UTC')::date) FROM orders "
                + "WHERE shop_id = ? AND created_at IS NOT NULL AND deleted_at IS NULL AND test IS NOT TRUE", shopId),
                data.count("SELECT count(*) FROM order_daily WHERE shop_id = ?", shopId));
        LocalDate stale = days.get(0).minusDays(1);
        data.execute("INSERT INTO order_daily (shop_id, day, orders, gross_sales, net_sales, units, refunds, "
                + "computed_at) VALUES (?, ?, 1, 1, 1, 1, 0, now()) ON CONFLICT DO NOTHING", shopId, stale);
        List<LocalDate> dirty = new ArrayList<>(days);
        dirty.add(stale);
        for (int twice = 0; twice < 2; twice++) {
            for (LocalDate day : dirty) {
                // as the order writer marks them (a day without orders included: its stale row must go)
                data.execute("INSERT INTO order_day_dirty (shop_id, day) VALUES (?, ?) "
                        + "ON CONFLICT (shop_id, day) DO UPDATE SET marked_at = now()", shopId, day);
            }
        }
        List<LocalDate> recomputed = new ArrayList<>();
        List<LocalDate> chunk;
        while (!(chunk = dailySales.recompute(shopId, 10)).isEmpty()) {
            assertTrue(chunk.size() <= 10);
            recomputed.addAll(chunk);
        }
        assertEquals(dirty.stream().sorted().toList(), recomputed.stream().sorted().toList());

        // computed here the other way round: per order first, then grouped
        Map<String, String> expected = new LinkedHashMap<>();
        for (String row : data.texts("""
                SELECT day || '|' || count(*) || '|' || trim_scale(sum(gross)) || '|'
                       || trim_scale(sum(gross - refunded)) || '|' || sum(units) || '|' || trim_scale(sum(refunded))
                FROM (SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(o.subtotal_price, 0) AS gross,
                             coalesce((SELECT sum(li.quantity) FROM order_line_item li WHERE li.shop_id = o.shop_id
                                       AND li.order_id = o.id AND li.deleted_at IS NULL), 0) AS units,
                             coalesce((SELECT sum(rl.subtotal) FROM order_refund_line_item rl JOIN order_refund r
                                       ON r.shop_id = rl.shop_id AND r.id = rl.refund_id AND r.deleted_at IS NULL
                                       WHERE rl.shop_id = o.shop_id AND rl.order_id = o.id
                                       AND rl.deleted_at IS NULL), 0) AS refunded
                      FROM orders o WHERE o.shop_id = ? AND o.deleted_at IS NULL AND NOT coalesce(o.test, false)
                        AND o.created_at IS NOT NULL) per_order
                GROUP BY day ORDER BY day
                """, shopId)) {
            expected.put(row.substring(0, 10), row);
        }
        LocalDate from = days.get(0).minusDays(3);
        LocalDate to = days.get(days.size() - 1);
        if (to.toEpochDay() - from.toEpochDay() >= DailySalesAnswer.MAX_DAYS) {
            from = to.minusDays(DailySalesAnswer.MAX_DAYS - 1);
            LocalDate start = from;
            expected.keySet().removeIf(day -> LocalDate.parse(day).isBefore(start));
        }
        JsonNode sales = ok(get("/shops/" + READ_SHOP + "/daily-sales",
                Map.of("from", from.toString(), "to", to.toString())));
        Map<String, String> served = new LinkedHashMap<>();
        long orders = 0;
        for (JsonNode day : sales.path("days")) {
            served.put(day.path("day").asText(), day.path("day").asText() + "|" + day.path("orders").asLong() + "|"
                    + plain(day.path("gross_sales")) + "|" + plain(day.path("net_sales")) + "|"
                    + day.path("units").asLong() + "|" + plain(day.path("refunds")));
            orders += day.path("orders").asLong();
        }
        assertEquals(expected, served);
        assertEquals(orders, sales.path("totals").path("orders").asLong());
        assertFalse(served.containsKey(stale.toString()), "a day without orders keeps no row");
        assertEquals(0, data.count("SELECT count(*) FROM order_daily WHERE shop_id = ? AND day = ?", shopId, stale));
        assertTrue(sales.path("totals").path("refunds").decimalValue().signum() > 0, "refunds are counted");

        Set<Entity> months = new HashSet<>();
        for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(Entity.of(Entity.Kind.ORDER_MONTH, month.getYear() * 100L + month.getMonthValue()));
        }
        assertEquals(months, reads.answer(new DailySalesAnswer(shopId, from, to)).dependsOn());
        assertEquals(Set.of(Entity.of(Entity.Kind.ORDER_MONTH, 202612), Entity.of(Entity.Kind.ORDER_MONTH, 202701)),
                new DailySalesAnswer(shopId, LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-01")).months());

        String path = "/shops/" + READ_SHOP + "/daily-sales";
        assertError(400, "'from' must not be after 'to'", get(path, Map.of("from", "2026-02-02", "to", "2026-02-01")));
        assertError(400, "at most 366 days from 'from' to 'to'",
                get(path, Map.of("from", "2026-01-01", "to", "2027-01-02")));
        assertEquals(200, get(path, Map.of("from", "2024-01-01", "to", "2024-12-31")).get("statusCode"));
        assertError(400, "'to' is required (YYYY-MM-DD)", get(path, Map.of("from", "2026-01-01")));
        assertError(400, "'from' is a date YYYY-MM-DD", get(path, Map.of("from", "2026-13-01", "to", "2026-12-01")));
    }

    @Test
    void wrongRequestsAreAnsweredWithTheirStatusAndNoDatabaseText() throws Exception {
        syncOnce();
        assertError(405, "only GET is allowed", request("POST", "/shops/" + READ_SHOP + "/products/1", Map.of()));
        assertError(405, "only GET is allowed", request("DELETE", "/shops/" + READ_SHOP + "/products/x", Map.of()));
        assertError(404, "no such route", get("/shops/" + READ_SHOP + "/widgets/1"));
        assertError(404, "no such route", get("/status"));
        assertError(404, "no such route", get("/shops/" + READ_SHOP + "/products/1/variants"));
        assertError(404, "shop not found", get("/shops/nope.myshopify.com/products/1"));
        for (String id : List.of("abc", "0", "-1", "+1", "01", "99999999999999999999")) {
            assertError(400, "the product id must be a positive integer",
                    get("/shops/" + READ_SHOP + "/products/" + id));
        }
        assertError(400, "the order id must be a positive integer",
                get("/shops/" + READ_SHOP + "/orders/x"));
        // the proxy path parameters stand in for rawPath
        Map<String, Object> event = Map.of("requestContext", Map.of("http", Map.of("method", "GET")),
                "pathParameters", Map.of("shop", READ_SHOP, "proxy", "products/42"));
        assertError(404, "product not found", handler.handleRequest(event, null));
    }

    private long live(String table, long order) {
        // table names are this test's own
        return data.count("SELECT count(*) FROM " + table + " WHERE shop_id = ? AND order_id = ? "
                + "AND deleted_at IS NULL", shopId, order);
    }

    private static String plain(JsonNode number) {
        java.math.BigDecimal value = number.decimalValue().stripTrailingZeros();
        return (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }

    private Map<String, Object> get(String path) {
        return request("GET", path, Map.of());
    }

    private Map<String, Object> get(String path, Map<String, String> query) {
        return request("GET", path, query);
    }

    private Map<String, Object> request(String method, String path, Map<String, String> query) {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "GET /shops/{shop}/{proxy+}");
        event.put("rawPath", path);
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", path)));
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        Map<String, Object> response = handler.handleRequest(event, null);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) response.get("headers");
        assertEquals("application/json", headers.get("content-type"));
        assertEquals("no-store", headers.get("cache-control"));
        // where the answer came from; a request refused before any data was read has none
        String cache = headers.get("x-cache");
        assertTrue(cache == null ? headers.size() == 2 : Set.of("l1", "l2", "miss", "bypass").contains(cache),
                headers.toString());
        return response;
    }

    private JsonNode ok(Map<String, Object> response) throws Exception {
        assertEquals(200, response.get("statusCode"), String.valueOf(response.get("body")));
        return json.readTree((String) response.get("body"));
    }

    private void assertError(int status, String message, Map<String, Object> response) throws Exception {
        assertEquals(status, response.get("statusCode"), String.valueOf(response.get("body")));
        assertEquals(message, json.readTree((String) response.get("body")).path("error").asText());
    }
}
