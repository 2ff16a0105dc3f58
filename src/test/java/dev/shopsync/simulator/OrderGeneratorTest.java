package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Orders from the spec: deterministic, in their own streams, shaped as promised, edited and deleted over time. */
class OrderGeneratorTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final long DOUBLE_LIMIT = 1L << 53;

    private static SimulatedShop shop(CatalogSpec spec) {
        return new SimulatedShop("o.myshopify.com", "t", ShopPlan.PLUS, spec, new MutableClock(BASE), Duration.ZERO);
    }

    @Test
    void theSameSpecGivesTheSameOrdersAndEdits() {
        CatalogSpec spec = new CatalogSpec(42, 200, BASE, 0).withCustomers(50).withLocations(3).withOrders(600);
        SimulatedShop one = shop(spec);
        SimulatedShop two = shop(spec);
        assertEquals(one.orders(), two.orders());
        assertEquals(one.editOrders(40, BASE), two.editOrders(40, BASE));
        assertEquals(one.deleteOrders(7, BASE), two.deleteOrders(7, BASE));
        assertEquals(one.orders(), two.orders());
        assertNotEquals(one.orders(), shop(new CatalogSpec(43, 200, BASE, 0).withCustomers(50).withLocations(3)
                .withOrders(600)).orders());
    }

    @Test
    void addingOrdersLeavesEverythingElseAlone() {
        CatalogSpec before = new CatalogSpec(42, 300, BASE, 100).withCustomers(200).withLocations(5)
                .withCollections(20);
        assertEquals(0, before.orders());
        SimulatedShop plain = shop(before);
        SimulatedShop full = shop(before.withOrders(700));
        assertTrue(plain.orders().isEmpty());
        assertEquals(plain.products(), full.products());
        assertEquals(plain.customers(), full.customers());
        assertEquals(plain.locations(), full.locations());
        assertEquals(plain.collections(), full.collections());
        assertEquals(plain.inventoryItems(), full.inventoryItems());
        full.editOrders(30, BASE);
        assertEquals(plain.editProducts(10, BASE), full.editProducts(10, BASE));
        assertEquals(plain.editCustomers(10, BASE), full.editCustomers(10, BASE));
        assertEquals(plain.editLocations(2, BASE), full.editLocations(2, BASE));
        assertEquals(plain.editCollections(5, BASE), full.editCollections(5, BASE));
        assertEquals(plain.adjustInventory(10, BASE), full.adjustInventory(10, BASE));
        assertEquals(plain.deleteProducts(5, BASE.plusSeconds(1)), full.deleteProducts(5, BASE.plusSeconds(1)));
        assertEquals(plain.products(), full.products());
        assertEquals(plain.customers(), full.customers());
        assertEquals(plain.collections(), full.collections());
        assertEquals(plain.inventoryItems(), full.inventoryItems());
    }

    @Test
    void ordersHaveTheirShape() {
        SimulatedShop shop = shop(new CatalogSpec(9, 400, BASE, 0).withCustomers(100).withLocations(4)
                .withOrders(1_500));
        List<OrderTruth> orders = shop.orders();
        assertEquals(1_500, orders.size());
        Map<Long, VariantTruth> variants = new HashMap<>();
        Map<Long, Long> productOf = new HashMap<>();
        shop.products().forEach(p -> p.variants().forEach(v -> {
            variants.put(v.id(), v);
            productOf.put(v.id(), p.id());
        }));
        Set<Long> customers = shop.customers().stream().map(CustomerTruth::id).collect(Collectors.toSet());
        Set<Long> locations = shop.locations().stream().map(LocationTruth::id).collect(Collectors.toSet());
        Set<Long> childIds = new HashSet<>();
        Set<String> names = new HashSet<>();
        int large = 0;
        int fulfilled = 0;
        int refunded = 0;
        for (OrderTruth o : orders) {
            assertTrue(o.id() > DOUBLE_LIMIT);
            assertEquals(OrderTruth.gidOf(o.id()), o.gid());
            assertTrue(names.add(o.name()));
            assertTrue(o.name().matches("#\\d{4,}"));
            assertFalse(o.updatedAt().isBefore(o.createdAt()));
            assertTrue(o.customerId() == null || customers.contains(o.customerId()));
            int lines = o.lineItems().size();
            assertTrue(lines >= 1 && (lines <= 30 || lines >= 251 && lines <= 600), "line items: " + lines);
            large += lines > 250 ? 1 : 0;
            long subtotal = 0;
            Map<Long, Integer> quantities = new HashMap<>();
            long previous = 0;
            for (LineItemTruth l : o.lineItems()) {
                assertTrue(l.id() > previous, "line items in id order");
                previous = l.id();
                assertTrue(childIds.add(l.id()));
                VariantTruth v = variants.get(l.variantId());
                assertEquals(v.price(), l.price());
                assertEquals(v.sku(), l.sku());
                assertEquals(productOf.get(l.variantId()), l.productId());
                assertTrue(l.quantity() >= 1);
                subtotal += OrderGenerator.cents(l.price()) * l.quantity();
                quantities.put(l.id(), l.quantity());
            }
            long shipping = o.shippingLines().stream().mapToLong(s -> OrderGenerator.cents(s.price())).sum();
            long tax = o.taxLines().stream().mapToLong(t -> OrderGenerator.cents(t.price())).sum();
            long total = OrderGenerator.cents(o.totalPrice());
            assertTrue(total <= subtotal + shipping + tax && total >= 0, o.name());
            if (o.discountApplications().isEmpty()) {
                assertEquals(subtotal + shipping + tax, total, o.name());
            }
            assertTrue(o.transactions().size() >= 1 && o.transactions().size() <= 3 + o.refunds().size());
            assertTrue(o.refunds().size() <= 3 && o.fulfillments().size() <= 3);
            fulfilled += o.fulfillments().isEmpty() ? 0 : 1;
            refunded += o.refunds().isEmpty() ? 0 : 1;
            Map<Long, Integer> shipped = new HashMap<>();
            for (FulfillmentTruth f : o.fulfillments()) {
                assertTrue(f.id() > DOUBLE_LIMIT && childIds.add(f.id()));
                assertTrue(f.locationId() == null || locations.contains(f.locationId()));
                assertFalse(f.lineItems().isEmpty());
                if (!"CANCELLED".equals(f.status())) {
                    // What a cancelled fulfillment held is shipped again by a later one.
                    f.lineItems().forEach(i -> shipped.merge(i.lineItemId(), i.quantity(), Integer::sum));
                }
            }
            shipped.forEach((id, q) -> assertTrue(q <= quantities.get(id), "shipped no more than sold"));
            Map<Long, Integer> back = new HashMap<>();
            for (RefundTruth r : o.refunds()) {
                assertFalse(r.lineItems().isEmpty());
                for (RefundLineItemTruth i : r.lineItems()) {
                    back.merge(i.lineItemId(), i.quantity(), Integer::sum);
                    assertEquals(new BigDecimal(o.lineItems().stream().filter(l -> l.id() == i.lineItemId())
                            .findFirst().orElseThrow().price()).multiply(BigDecimal.valueOf(i.quantity())),
                            new BigDecimal(i.subtotal()));
                }
            }
            back.forEach((id, q) -> assertTrue(q <= quantities.get(id), "refunded no more than sold"));
            if (!o.refunds().isEmpty()) {
                assertTrue(o.displayFinancialStatus().endsWith("REFUNDED"), o.displayFinancialStatus());
            }
            assertEquals(o.fulfillments().isEmpty() ? "UNFULFILLED" : o.displayFulfillmentStatus(),
                    o.displayFulfillmentStatus());
            if (o.cancelledAt() != null) {
                assertEquals(o.cancelledAt(), o.closedAt());
            }
        }
        assertEquals(3, large, "orders #0, #500 and #1000 are large");
        assertTrue(fulfilled > 350 && fulfilled < 560, "about 30% fulfilled: " + fulfilled);
        assertTrue(refunded > 80 && refunded < 230, "about 10% refunded: " + refunded);
    }

    @Test
    void searchTermsMatchOrders() {
        SimulatedShop shop = shop(new CatalogSpec(6, 100, BASE, 0).withCustomers(20).withOrders(400));
        OrderTruth o = shop.orders().get(7);
        assertTrue(SearchQuery.parse("name:" + o.name().substring(1)).matches(o));
        assertTrue(SearchQuery.parse("name:'" + o.name() + "'").matches(o));
        assertTrue(SearchQuery.parse("financial_status:" + o.displayFinancialStatus().toLowerCase()).matches(o));
        assertFalse(SearchQuery.parse("financial_status:expired").matches(o), "never generated");
        String status = o.cancelledAt() != null ? "cancelled" : o.closedAt() != null ? "closed" : "open";
        assertTrue(SearchQuery.parse("status:" + status).matches(o));
        assertTrue(SearchQuery.parse("id:" + o.id()).matches(o));
        assertFalse(SearchQuery.parse("id:>" + (o.id() + 1)).matches(o));
        long matched = shop.orders().stream().filter(SearchQuery.parse("fulfillment_status:unfulfilled")::matches)
                .count();
        assertEquals(shop.orders().stream().filter(x -> x.displayFulfillmentStatus().equals("UNFULFILLED")).count(),
                matched);
    }

    @Test
    void fiveThousandOrdersGenerateQuickly() {
        CatalogSpec spec = new CatalogSpec(5, 1_000, BASE, 0).withCustomers(500).withLocations(3).withOrders(5_000);
        shop(spec);
        long start = System.nanoTime();
        SimulatedShop shop = shop(spec);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(5_000, shop.orders().size());
        System.out.println("5,000 orders (with 1,000 products, 500 customers) in " + millis + " ms");
        assertTrue(millis < 3_000, "took " + millis + " ms");
    }

    @Test
    void editsAndDeletionsShowInTheTruth() {
        SimulatedShop shop = shop(new CatalogSpec(3, 100, BASE, 0).withLocations(2).withOrders(300));
        Map<Long, OrderTruth> before = shop.orders().stream()
                .collect(Collectors.toMap(OrderTruth::id, o -> o));
        Instant at = BASE.plusSeconds(30);
        List<Long> edited = shop.editOrders(60, at);
        assertEquals(60, edited.size());
        int changedChildren = 0;
        int removedLines = 0;
        for (Long id : edited) {
            OrderTruth now = shop.order(id);
            OrderTruth was = before.get(id);
            assertEquals(at, now.updatedAt());
            assertTrue(was.lineItems().containsAll(now.lineItems()), "an edit only ever removes lines");
            assertTrue(was.lineItems().size() - now.lineItems().size() <= 1);
            removedLines += was.lineItems().size() - now.lineItems().size();
            assertTrue(now.refunds().size() >= was.refunds().size());
            assertTrue(now.fulfillments().size() >= was.fulfillments().size());
            changedChildren += now.refunds().size() + now.fulfillments().size() - was.refunds().size()
                    - was.fulfillments().size() + (now.closedAt() != was.closedAt() ? 1 : 0);
        }
        assertTrue(changedChildren > 20, "most edits add a fulfillment, a refund or close: " + changedChildren);
        assertTrue(removedLines > 0, "some edits remove a line item");
        List<Long> deleted = shop.deleteOrders(10, at.plusSeconds(1));
        assertEquals(10, deleted.size());
        deleted.forEach(id -> assertNull(shop.order(id)));
        assertEquals(290, shop.orders().size());
        assertEquals(Set.copyOf(deleted), shop.orderDeletions().keySet());
    }
}
