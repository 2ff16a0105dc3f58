package dev.shopsync.bulk;

import static dev.shopsync.support.SimulatorResource.BULK_FAULT_SHOP;
import static dev.shopsync.support.SimulatorResource.BULK_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.simulator.BulkOperationTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedBulkOperations;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.support.ChunkKiller;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Bulk Operations backfills through the Lambda handler, the test standing in for the scheduler: invocations of at
 * most 10 s, re-invoked while {@code hasMore}, a short pause while a job runs. Every case ends with the database
 * equal to the simulator's truth.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BulkBackfillTest {

    private static final Logger LOG = Logger.getLogger(BulkBackfillTest.class);

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    ChunkKiller killer;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    BulkJobStore jobStore;

    /** The fault shop's jobs and counters before the current case. */
    private int jobsBefore;
    private int startedBefore;
    private int rejectedBefore;

    @AfterEach
    void noMoreKills() {
        killer.off();
    }

    /** What the invocations of one backfill did. */
    record Backfill(int invocations, int waiting, int deadlines, int failed, long lines) {
    }

    @Test
    void aShopOfMoreThan200000LinesIsBackfilledByTenSecondInvocations() {
        SimulatedShop shop = simulator.shop(BULK_SHOP);
        data.reset(BULK_SHOP);
        data.deleteRedisKeys(BULK_SHOP);

        Backfill products = backfill(BULK_SHOP, "products");
        Backfill orders = backfill(BULK_SHOP, "orders");
        SliceInvoker.runToEnd(BULK_SHOP, "orders", "refresh", 50);

        long lines = resultLines(shop);
        LOG.infof("bulk backfill of %s: %d lines; products %s; orders %s", BULK_SHOP, lines, products, orders);
        assertTrue(lines >= 200_000, "JSONL lines: " + lines);
        assertEquals(lines, products.lines() + orders.lines(), "every line written once, none twice");
        assertTrue(products.deadlines() + orders.deadlines() >= 1, "resumed after the 10 s cap: " + products);
        assertEquals(0, products.failed() + orders.failed());
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_SHOP));
        assertEquals(TestData.truthOrderChecksums(shop), data.databaseOrderChecksums(BULK_SHOP));
        assertHandedOver(BULK_SHOP, "products");

        // again from an empty database, with 5% of the invocations killed half-way through a chunk
        data.reset(BULK_SHOP);
        data.deleteRedisKeys(BULK_SHOP);
        killer.killEvery(0.05, 42);
        Backfill killedProducts = backfill(BULK_SHOP, "products");
        Backfill killedOrders = backfill(BULK_SHOP, "orders");
        killer.off();
        SliceInvoker.runToEnd(BULK_SHOP, "orders", "refresh", 50);
        LOG.infof("with kills: products %s; orders %s; %d chunks killed", killedProducts, killedOrders,
                killer.killed());
        assertTrue(killer.killed() >= 2, "chunks killed: " + killer.killed());
        assertEquals(killer.killed(), killedProducts.failed() + killedOrders.failed());
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_SHOP));
        assertEquals(TestData.truthOrderChecksums(shop), data.databaseOrderChecksums(BULK_SHOP));
    }

    @Test
    void customersCollectionsAndInventoryAreBackfilledToo() {
        SimulatedShop shop = freshFaultShop();
        // locations first: inventory levels refer to them; they are few and read whole by the incremental sync
        SliceInvoker.runToEnd(BULK_FAULT_SHOP, "locations", null, 50);
        backfill(BULK_FAULT_SHOP, "products");
        for (String resource : List.of("customers", "collections", "inventory")) {
            Backfill run = backfill(BULK_FAULT_SHOP, resource);
            assertEquals(0, run.failed(), resource + " " + run);
        }
        assertEquals(TestData.truthCustomerChecksums(shop), data.databaseCustomerChecksums(BULK_FAULT_SHOP));
        assertEquals(TestData.truthCollectionChecksums(shop), data.databaseCollectionChecksums(BULK_FAULT_SHOP));
        assertEquals(TestData.truthInventoryChecksums(shop), data.databaseInventoryChecksums(BULK_FAULT_SHOP));
        assertTrue(jobs(shop).stream().allMatch(o -> o.status().equals("COMPLETED")), () -> jobs(shop).toString());
        Response locations = SliceInvoker.invokeRaw(event(BULK_FAULT_SHOP, "locations"));
        assertTrue(locations.statusCode() != 200 && locations.asString().contains("'locations' has no bulk "
                + "backfill; supported: [collections, customers, inventory, orders, products]"), locations.asString());
    }

    @Test
    void aFailedJobsPartialDataIsKeptAndItsWindowRunsAgain() {
        SimulatedShop shop = freshFaultShop();
        shop.bulkOperations().failNext(0.5, "INTERNAL_SERVER_ERROR");

        backfill(BULK_FAULT_SHOP, "products");

        List<BulkOperationTruth> all = jobs(shop);
        BulkOperationTruth failed = all.get(0);
        assertEquals("FAILED", failed.status());
        assertTrue(failed.objectCount() > 0, "the failed job left partial data");
        // the failed window ran again; every later job completed
        assertTrue(all.subList(1, all.size()).stream().allMatch(o -> o.status().equals("COMPLETED")), all::toString);
        assertEquals(windowOf(failed), windowOf(all.get(1)));
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_FAULT_SHOP));
    }

    @Test
    void aSixthConcurrentJobWaitsForAFreeSlot() {
        SimulatedShop shop = freshFaultShop();
        List<String> others = shop.bulkOperations().occupy(5, Duration.ofSeconds(2));

        JsonPath first = invoke(BULK_FAULT_SHOP, "products");
        assertEquals("WAITING", first.getString("outcome"));
        assertTrue(first.getBoolean("hasMore"));
        assertEquals(1, rejected(shop));
        assertEquals(0, started(shop));

        backfill(BULK_FAULT_SHOP, "products");
        assertEquals(5, others.size());
        assertTrue(started(shop) >= 1);
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_FAULT_SHOP));
    }

    @Test
    void aJobCancelledElsewhereIsWaitedForThenRunAgain() {
        SimulatedShop shop = freshFaultShop();
        // slow enough to still run when it is cancelled
        shop.bulkOperations().timing(Duration.ofSeconds(1), 1_000);
        JsonPath first = invoke(BULK_FAULT_SHOP, "products");
        assertEquals("WAITING", first.getString("outcome"));
        String job = jobs(shop).get(0).id();
        shop.bulkOperations().cancel(job, Duration.ofSeconds(2));

        JsonPath whileCanceling = invoke(BULK_FAULT_SHOP, "products");
        assertEquals("WAITING", whileCanceling.getString("outcome"));
        assertEquals(1, started(shop), "no new job while one is CANCELING");
        shop.bulkOperations().timing(SimulatedBulkOperations.DEFAULT_START_DELAY,
                SimulatedBulkOperations.DEFAULT_LINES_PER_SECOND);

        backfill(BULK_FAULT_SHOP, "products");
        List<BulkOperationTruth> all = jobs(shop);
        assertEquals("CANCELED", all.get(0).status());
        assertEquals(windowOf(all.get(0)), windowOf(all.get(1)));
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_FAULT_SHOP));
    }

    @Test
    void anExpiredResultRunsItsWindowAgain() throws InterruptedException {
        SimulatedShop shop = freshFaultShop();
        assertEquals("WAITING", invoke(BULK_FAULT_SHOP, "orders").getString("outcome"));
        awaitCompleted(shop);
        shop.bulkOperations().expireUrls();

        backfill(BULK_FAULT_SHOP, "orders");
        SliceInvoker.runToEnd(BULK_FAULT_SHOP, "orders", "refresh", 50);
        List<BulkOperationTruth> all = jobs(shop);
        assertEquals("EXPIRED", all.get(0).status());
        assertEquals(windowOf(all.get(0)), windowOf(all.get(1)));
        assertEquals(TestData.truthOrderChecksums(shop), data.databaseOrderChecksums(BULK_FAULT_SHOP));
    }

    @Test
    void aJobWhoseRedisStateIsLostIsFoundAgain() throws InterruptedException {
        SimulatedShop shop = freshFaultShop();
        // the second window's job stays CREATED until released, so Redis forgets the backfill while it runs
        shop.bulkOperations().holdAfterNext(1);
        for (int i = 0; started(shop) < 2; i++) {
            assertTrue(i < 100, "the second window's job did not start");
            invoke(BULK_FAULT_SHOP, "products");
            Thread.sleep(100);
        }
        assertEquals("CREATED", jobs(shop).get(1).status(), () -> jobs(shop).toString());
        redis.key().del(keys.bulkJob(BULK_FAULT_SHOP, "products"));
        // the next step, without Redis state, finds the held job among the shop's operations and waits for it
        assertEquals("WAITING", invoke(BULK_FAULT_SHOP, "products").getString("outcome"));
        assertEquals(2, started(shop), "nothing started over");
        shop.bulkOperations().release();

        backfill(BULK_FAULT_SHOP, "products");
        List<BulkOperationTruth> all = jobs(shop);
        // the running job was picked up again: no window ran twice, the first one was not started over
        assertEquals(all.size(), all.stream().map(BulkFailuresWindow::of).distinct().count(), all::toString);
        assertTrue(all.stream().allMatch(o -> o.status().equals("COMPLETED")), all::toString);
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_FAULT_SHOP));
    }

    @Test
    void aCutDownloadFailsTheInvocationAndTheNextOneLosesNothing() {
        SimulatedShop shop = freshFaultShop();
        shop.bulkOperations().cutDownloadsAfter(20_000);

        Backfill run = backfill(BULK_FAULT_SHOP, "products");

        assertEquals(1, run.failed(), run::toString);
        assertTrue(jobs(shop).stream().allMatch(o -> o.status().equals("COMPLETED")), () -> jobs(shop).toString());
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_FAULT_SHOP));
    }

    @Test
    void aStalledDownloadFailsTheInvocationWithinTheIdleTimeoutAndTheNextOneLosesNothing() {
        SimulatedShop shop = freshFaultShop();
        // the body stops after 20 kB for 20 s: longer than the 10 s slice, far longer than the idle timeout (3 s)
        shop.bulkOperations().stallDownloadsAfter(20_000, Duration.ofSeconds(20));

        Backfill run = backfill(BULK_FAULT_SHOP, "products");

        // failed, not DEADLINE: the idle timeout ended it, well before the slice's own deadline would have
        assertEquals(1, run.failed(), run::toString);
        long shopId = data.shopId(BULK_FAULT_SHOP);
        String error = data.text("SELECT error FROM sync_run WHERE shop_id = ? AND outcome = 'FAILED'", shopId);
        assertTrue(error.contains("bulk result download stalled: no byte for 3000 ms"), error);
        assertTrue(data.count("SELECT count(*) FROM sync_run WHERE shop_id = ? AND outcome = 'FAILED' "
                + "AND ended_at - started_at < interval '10 seconds'", shopId) == 1, "it did not wait out the stall");
        assertTrue(jobs(shop).stream().allMatch(o -> o.status().equals("COMPLETED")), () -> jobs(shop).toString());
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BULK_FAULT_SHOP));
    }

    @Test
    void emptyWindowsAndAnEmptyResourceAreDoneWithoutAFile() {
        SimulatedShop shop = freshFaultShop();
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        Instant upper = Instant.parse("2020-03-01T00:00:00Z");
        // a backfill planned over two windows in which the shop has nothing
        jobStore.save(BULK_FAULT_SHOP, BulkJob.forWindow("products", upper, start, start.plus(Duration.ofDays(31))));

        Backfill run = backfill(BULK_FAULT_SHOP, "products");

        assertEquals(0, run.failed() + run.deadlines() + run.lines(), run::toString);
        assertEquals(List.of(0L, 0L), jobs(shop).stream().map(BulkOperationTruth::objectCount).toList());
        assertEquals(0, data.count("SELECT count(*) FROM product WHERE shop_id = ?", data.shopId(BULK_FAULT_SHOP)));
        assertTrue(redis.value(String.class).get(keys.cursor(BULK_FAULT_SHOP, "products"))
                .contains("\"watermark\":\"2020-02-29T23:59:55Z\""), "incremental from the upper bound minus the lag");
        assertEquals("2020-02-29T23:59:55Z", data.text("SELECT to_char(watermark AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM stream_offset WHERE shop_id = ? AND stream = 'products'",
                data.shopId(BULK_FAULT_SHOP)), "and so does its durable offset");

        // a shop without orders: nothing to start
        data.deleteRedisKeys(SimulatorResource.SMALL_SHOP);
        int before = simulator.shop(SimulatorResource.SMALL_SHOP).bulkOperations().started();
        JsonPath orders = invoke(SimulatorResource.SMALL_SHOP, "orders");
        assertEquals("COMPLETED", orders.getString("outcome"));
        assertEquals(before, simulator.shop(SimulatorResource.SMALL_SHOP).bulkOperations().started());
        data.deleteRedisKeys(SimulatorResource.SMALL_SHOP);
    }

    private SimulatedShop freshFaultShop() {
        data.reset(BULK_FAULT_SHOP);
        data.deleteRedisKeys(BULK_FAULT_SHOP);
        SimulatedShop shop = simulator.shop(BULK_FAULT_SHOP);
        shop.bulkOperations().release();
        // earlier cases' jobs must not hold slots
        shop.bulkOperations().all().stream().filter(o -> o.status().equals("RUNNING") || o.status().equals("CREATED"))
                .forEach(o -> shop.bulkOperations().cancel(o.id(), Duration.ZERO));
        jobsBefore = shop.bulkOperations().all().size();
        startedBefore = shop.bulkOperations().started();
        rejectedBefore = shop.bulkOperations().rejected();
        return shop;
    }

    /** The jobs of the current case, oldest first. */
    private List<BulkOperationTruth> jobs(SimulatedShop shop) {
        List<BulkOperationTruth> all = shop.bulkOperations().all();
        return all.subList(jobsBefore, all.size());
    }

    private int started(SimulatedShop shop) {
        return shop.bulkOperations().started() - startedBefore;
    }

    private int rejected(SimulatedShop shop) {
        return shop.bulkOperations().rejected() - rejectedBefore;
    }

    private void awaitCompleted(SimulatedShop shop) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (jobs(shop).get(0).status().equals("COMPLETED")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bulk job did not complete: " + jobs(shop));
    }

    private static String windowOf(BulkOperationTruth operation) {
        return BulkFailuresWindow.of(operation);
    }

    /** The updated_at filter a bulk job's query was made for. */
    private static final class BulkFailuresWindow {
        static String of(BulkOperationTruth operation) {
            String query = operation.query();
            int start = query.indexOf("updated_at:>=");
            return start < 0 ? query : query.substring(start, query.indexOf('"', start));
        }
    }

    private static long resultLines(SimulatedShop shop) {
        return shop.bulkOperations().all().stream().filter(o -> o.status().equals("COMPLETED"))
                .mapToLong(BulkOperationTruth::objectCount).sum();
    }

    private void assertHandedOver(String shop, String resource) {
        String cursor = redis.value(String.class).get(keys.cursor(shop, resource));
        assertTrue(cursor != null && cursor.contains("\"watermark\""), "incremental cursor after the backfill: "
                + cursor);
        assertEquals(1, data.count("SELECT count(*) FROM stream_offset WHERE shop_id = ? AND stream = ? "
                + "AND watermark IS NOT NULL", data.shopId(shop), resource), "its durable offset too");
    }

    private static JsonPath invoke(String shop, String resource) {
        Response response = SliceInvoker.invokeRaw(event(shop, resource));
        response.then().statusCode(200);
        return response.jsonPath();
    }

    private static Map<String, Object> event(String shop, String resource) {
        Map<String, Object> event = new HashMap<>();
        event.put("shop", shop);
        event.put("resource", resource);
        event.put("mode", "backfill");
        event.put("maxSeconds", 10);
        return event;
    }

    /** Invokes backfill slices until one answers COMPLETED; pauses 100 ms while a job runs. */
    private static Backfill backfill(String shop, String resource) {
        int invocations = 0;
        int waiting = 0;
        int deadlines = 0;
        int failed = 0;
        long lines = 0;
        while (true) {
            if (++invocations > 2_000) {
                throw new AssertionError(shop + "/" + resource + " backfill does not converge");
            }
            Response response = SliceInvoker.invokeRaw(event(shop, resource));
            if (response.statusCode() != 200) {
                failed++;
                continue;
            }
            JsonPath result = response.jsonPath();
            lines += result.getLong("records");
            switch (result.getString("outcome")) {
                case "COMPLETED" -> {
                    return new Backfill(invocations, waiting, deadlines, failed, lines);
                }
                case "WAITING", "LOCKED" -> {
                    waiting++;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
                case "DEADLINE" -> deadlines++;
                default -> throw new AssertionError("unexpected outcome " + result.prettify());
            }
        }
    }
}
