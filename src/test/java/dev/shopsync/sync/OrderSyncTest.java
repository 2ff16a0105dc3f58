package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.BIG_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.simulator.LineItemTruth;
import dev.shopsync.simulator.OrderTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.SliceInvoker.Run;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 5,000 orders with every child list complete (orders with up to 600 line items, fulfillments with hundreds of
 * lines, several refunds, a refund of 600 lines), synced to equality with the simulator and kept equal through
 * edits (including a line item removed by an order edit) and deletions, found through the event log.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OrderSyncTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    void ordersWithAllTheirChildrenStayEqualToShopify() {
        data.reset(BIG_SHOP);
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        List<OrderTruth> orders = shop.orders();
        assertTrue(orders.size() >= 5000);
        assertTrue(orders.stream().anyMatch(o -> o.lineItems().size() > 250), "orders with more than 250 lines");
        assertTrue(orders.stream().anyMatch(o -> o.refunds().size() > 1), "orders with several refunds");
        assertTrue(orders.stream().anyMatch(o -> o.fulfillments().size() > 1), "orders with several fulfillments");
        assertTrue(orders.stream().anyMatch(o -> o.fulfillments().stream().anyMatch(f -> f.lineItems().size() > 10)),
                "fulfillments with more lines than the query inlines");

        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long statementsBefore = statistics.getPrepareStatementCount();
        Run first = runToEnd(null);
        long statements = statistics.getPrepareStatementCount() - statementsBefore;
        // per slice: the shop's active flag and the sync_run row; nothing per order
        assertTrue(statements <= 2L * first.slices(), "Hibernate statements grow with slices, not orders (no N+1): "
                + statements + " for " + first.slices() + " slices");

        assertEquals(TestData.truthOrderChecksums(shop), data.databaseOrderChecksums(BIG_SHOP));
        long shopId = data.shopId(BIG_SHOP);
        assertEquals(orders.stream().mapToLong(o -> o.lineItems().size()).sum(),
                data.count("SELECT count(*) FROM order_line_item WHERE shop_id = ? AND deleted_at IS NULL", shopId));
        // references, as Shopify shows them: null once the customer, variant or location is gone (other tests
        // of this shop delete some before this one runs)
        Set<Long> liveVariants = shop.products().stream().flatMap(p -> p.variants().stream())
                .map(v -> v.id()).collect(Collectors.toSet());
        Set<Long> liveLocations = shop.locations().stream().map(l -> l.id()).collect(Collectors.toSet());
        assertEquals(orders.stream().flatMap(o -> o.lineItems().stream())
                .filter(l -> l.variantId() != null && liveVariants.contains(l.variantId())).count(), data.count(
                        "SELECT count(*) FROM order_line_item WHERE shop_id = ? AND variant_id IS NOT NULL", shopId));
        assertEquals(orders.stream().filter(o -> o.customerId() != null && shop.customer(o.customerId()) != null)
                .count(), data.count("SELECT count(*) FROM orders WHERE shop_id = ? AND customer_id IS NOT NULL",
                        shopId));
        assertEquals(orders.stream().flatMap(o -> o.fulfillments().stream())
                .filter(f -> f.locationId() != null && liveLocations.contains(f.locationId())).count(), data.count(
                        "SELECT count(*) FROM order_fulfillment WHERE shop_id = ? AND location_id IS NOT NULL",
                        shopId));
        assertEquals(orders.stream().mapToLong(o -> o.transactions().size()).sum(), data.count(
                "SELECT count(*) FROM order_transaction WHERE shop_id = ? AND currency_code = 'USD'", shopId),
                "every transaction amount has its currency");

        Map<Long, Set<Long>> linesBefore = orders.stream().collect(Collectors.toMap(OrderTruth::id,
                o -> o.lineItems().stream().map(LineItemTruth::id).collect(Collectors.toSet())));
        List<Long> edited = shop.editOrders(orders.size() * 5 / 100, SimulatorResource.recently());
        List<Long> deleted = shop.deleteOrders(orders.size() / 100, SimulatorResource.recently());
        OrderTruth biggest = shop.orders().stream().filter(o -> !edited.contains(o.id()))
                .max(Comparator.comparingInt(o -> o.lineItems().size())).orElseThrow();
        shop.refundEverything(biggest.id(), SimulatorResource.recently());
        assertTrue(shop.order(biggest.id()).refunds().stream().anyMatch(r -> r.lineItems().size() > 250),
                "a refund with more than 250 lines");
        Run incremental = runToEnd(null);
        assertEquals(edited.stream().filter(id -> !deleted.contains(id)).count() + 1, incremental.records(),
                "the incremental pass reads exactly the edited orders");
        Run events = runToEnd("deletions");
        assertEquals(deleted.size(), events.records(), "the event log names exactly the deleted orders");
        Run reconcile = runToEnd("reconcile");
        assertEquals(0, reconcile.records(), "reconciliation finds nothing the event log missed");
        assertTrue(events.cost() * 5 < reconcile.cost(), "reading the event log costs " + events.cost()
                + " points, reconciling every id " + reconcile.cost());

        assertEquals(TestData.truthOrderChecksums(shop), data.databaseOrderChecksums(BIG_SHOP));
        long removedLines = edited.stream().filter(id -> shop.order(id) != null)
                .mapToLong(id -> linesBefore.get(id).size() - shop.order(id).lineItems().size()).sum();
        assertTrue(removedLines > 0, "some edits removed a line item");
        assertEquals(removedLines + deleted.stream().mapToLong(id -> linesBefore.get(id).size()).sum(), data.count(
                "SELECT count(*) FROM order_line_item WHERE shop_id = ? AND deleted_at IS NOT NULL", shopId),
                "removed line items and the lines of deleted orders are soft-deleted, nothing else");
    }

    private static Run runToEnd(String mode) {
        return SliceInvoker.runToEnd(BIG_SHOP, "orders", mode, 10);
    }
}
