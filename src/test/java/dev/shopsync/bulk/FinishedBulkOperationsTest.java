package dev.shopsync.bulk;

import static dev.shopsync.support.SimulatorResource.BULK_FAULT_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The finished bulk operations the webhook reports stay few, expire, and are taken off by the backfill's poll. */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FinishedBulkOperationsTest {

    private static final String SHOP = "finished-ops-test.myshopify.com";

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    FinishedBulkOperations finished;

    @Inject
    BulkJobStore jobs;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    TestData data;

    @BeforeEach
    @AfterEach
    void clean() {
        data.deleteRedisKeys(SHOP);
        data.deleteRedisKeys(BULK_FAULT_SHOP);
    }

    @Test
    void manyReportsKeepTheNewestHundredOnceEachAndExpire() {
        IntStream.rangeClosed(1, 1_000).forEach(i -> finished.add(SHOP, gid(i)));
        finished.add(SHOP, gid(1_000)); // a repeated delivery
        finished.add(SHOP, gid(990));

        List<String> pending = finished.pending(SHOP);
        assertEquals(FinishedBulkOperations.CAPACITY, pending.size());
        assertEquals(gid(990), pending.get(0), "a repeated report moves to the front, once");
        assertEquals(gid(1_000), pending.get(1));
        assertEquals(gid(901), pending.get(99));
        assertEquals(pending.size(), pending.stream().distinct().count());
        long ttl = redis.key().pttl(keys.finishedBulkOperations(SHOP));
        assertTrue(ttl > 0 && ttl <= FinishedBulkOperations.TTL.toMillis(), "expires: " + ttl);

        assertTrue(finished.take(SHOP, gid(950)));
        assertFalse(finished.take(SHOP, gid(950)), "taken once");
        assertFalse(finished.take(SHOP, gid(5)), "dropped long ago");
        assertEquals(99, finished.pending(SHOP).size());
    }

    @Test
    void theBackfillStepThatPollsAReportedOperationToItsEndTakesItOff() throws InterruptedException {
        data.reset(BULK_FAULT_SHOP);
        SimulatedShop shop = simulator.shop(BULK_FAULT_SHOP);
        shop.bulkOperations().all().stream().filter(o -> o.status().equals("RUNNING") || o.status().equals("CREATED"))
                .forEach(o -> shop.bulkOperations().cancel(o.id(), Duration.ZERO));
        String foreign = "gid://shopify/BulkOperation/1";
        finished.add(BULK_FAULT_SHOP, foreign);

        String outcome = backfillStep();
        String operation = jobs.load(BULK_FAULT_SHOP, "collections").orElseThrow().operationId();
        assertEquals("WAITING", outcome, "the job was started and runs");
        finished.add(BULK_FAULT_SHOP, operation); // what the bulk_operations/finish webhook does
        for (int i = 0; i < 100 && !outcome.equals("COMPLETED"); i++) {
            Thread.sleep(100);
            outcome = backfillStep();
        }

        assertEquals("COMPLETED", outcome);
        assertEquals(List.of(foreign), finished.pending(BULK_FAULT_SHOP), "ours was taken, a stranger's stays");
        data.reset(BULK_FAULT_SHOP);
    }

    private static String backfillStep() {
        Map<String, Object> event = new HashMap<>();
        event.put("shop", BULK_FAULT_SHOP);
        event.put("resource", "collections");
        event.put("mode", "backfill");
        event.put("maxSeconds", 10);
        JsonPath result = SliceInvoker.slice(event);
        return result.getString("outcome");
    }

    private static String gid(int id) {
        return "gid://shopify/BulkOperation/" + id;
    }
}
