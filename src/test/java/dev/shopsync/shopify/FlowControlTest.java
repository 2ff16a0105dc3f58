package dev.shopsync.shopify;

import static dev.shopsync.support.SimulatorResource.SMALL_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.shop.AccessToken;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.simulator.ShopPlan;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Shopify's flow control as the simulator produces it: THROTTLED (HTTP 200) and 429 are waited out for
 * exactly as long as Shopify implies, 5xx are retried, and refusals fail at once with the shop's name.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FlowControlTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    GraphQlClient client;

    @Inject
    GraphQlDocuments documents;

    @Inject
    ShopDirectory shops;

    @Inject
    TestData data;

    @Inject
    Clock clock;

    @AfterEach
    void restoreShop() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        shop.faults().clear();
        shop.setPlan(ShopPlan.STANDARD);
    }

    @Test
    void throttledIsWaitedOutForExactlyWhatThrottleStatusImplies() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        ShopConnection connection = shops.require(SMALL_SHOP);
        int requested = page(connection).cost().requestedQueryCost();
        double restoreRate = 50;
        // A bucket just above one page: the second page right after the first must be THROTTLED.
        shop.setPlan(ShopPlan.custom(requested + 10, restoreRate));
        long throttledBefore = shop.counters().snapshot().throttled();

        GraphQlResponse first = page(connection);
        // What the THROTTLED answer will report, read from the simulator's bucket the instant before the call
        double available = shop.throttleStatus().currentlyAvailable();
        GraphQlResponse second = page(connection);

        assertEquals(1, first.attempts());
        assertEquals(2, second.attempts(), "one THROTTLED answer, then success");
        assertEquals(throttledBefore + 1, shop.counters().snapshot().throttled());
        long expectedMs = Math.round((requested - available) * 1000 / restoreRate);
        assertTrue(expectedMs > 500, "the scenario must force a real wait, expected " + expectedMs + " ms");
        assertWithinTenPercent(expectedMs, second.throttledMillis());
    }

    @Test
    void http429IsWaitedOutForItsDecimalRetryAfter() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        long before = shop.counters().snapshot().http429();
        shop.faults().respond429Next(1, "1.5");

        GraphQlResponse response = page(shops.require(SMALL_SHOP));

        assertEquals(2, response.attempts());
        assertEquals(before + 1, shop.counters().snapshot().http429());
        assertWithinTenPercent(1500, response.throttledMillis());
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndEveryRequestAsksForGzip() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        shop.faults().respond5xxNext(2, 503);
        long gzipBefore = shop.counters().gzipRequests();

        GraphQlResponse response = page(shops.require(SMALL_SHOP));

        assertEquals(3, response.attempts());
        assertEquals(gzipBefore + 3, shop.counters().gzipRequests(), "every request asks for gzip");
        assertTrue(response.data().path("products").path("nodes").size() > 0);
    }

    @Test
    void aThrottleWaitThatDoesNotFitTheDeadlineEndsTheCallEarly() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        shop.faults().respond429Next(1, "30");
        ShopConnection connection = shops.require(SMALL_SHOP);

        DeadlineReachedException early = assertThrows(DeadlineReachedException.class,
                () -> client.execute(connection, documents.get("ProductsPage"), pageVariables(),
                        Deadline.after(Duration.ofSeconds(5), clock)));
        assertEquals(30_000, early.wanted().toMillis());
    }

    @Test
    void aRevokedTokenFailsAtOnceNamingTheShop() {
        ShopConnection good = shops.require(SMALL_SHOP);
        ShopConnection revoked = new ShopConnection("revoked-" + SMALL_SHOP, good.apiVersion(),
                URI.create(simulator.baseUrl(SMALL_SHOP)), new AccessToken("shpat_wrong"));

        ShopifyApiException refused = assertThrows(ShopifyApiException.class,
                () -> client.execute(revoked, documents.get("ProductsPage"), pageVariables(),
                        Deadline.after(Duration.ofSeconds(30), clock)));

        assertEquals(401, refused.httpStatus());
        assertEquals("shop revoked-small-test.myshopify.com: the access token is invalid or was revoked (401)",
                refused.getMessage());
        assertTrue(!refused.getMessage().contains("shpat_"), "never echo the token");
    }

    @Test
    void aQueryInvalidAgainstTheSchemaIsRejectedWithShopifysMessage() {
        GraphQlDocument invalid = new GraphQlDocument("Invalid", "query Invalid { products(first: 1) { nodes { "
                + "id noSuchField } } }");

        ShopifyApiException rejected = assertThrows(ShopifyApiException.class,
                () -> client.execute(shops.require(SMALL_SHOP), invalid, Map.of(),
                        Deadline.after(Duration.ofSeconds(30), clock)));

        assertTrue(rejected.getMessage().startsWith("shop small-test.myshopify.com: query Invalid rejected: "),
                rejected.getMessage());
        assertTrue(rejected.getMessage().contains("noSuchField"), rejected.getMessage());
    }

    @Test
    void aSyncUnderASmallBucketIsThrottledAndStillExact() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        data.reset(SMALL_SHOP);
        int requested = page(shops.require(SMALL_SHOP)).cost().requestedQueryCost();
        // Room for one page at a time: every page after the first has to wait for the bucket to refill.
        shop.setPlan(ShopPlan.custom(requested + 5, 50));
        long throttledBefore = shop.counters().snapshot().throttled();

        long throttledMs = 0;
        boolean hasMore = true;
        while (hasMore) {
            var result = SliceInvoker.slice(SMALL_SHOP, 1);
            throttledMs += result.getLong("throttledMs");
            hasMore = result.getBoolean("hasMore");
        }

        assertTrue(shop.counters().snapshot().throttled() > throttledBefore, "the small bucket must throttle");
        assertTrue(throttledMs > 0);
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(SMALL_SHOP));
    }

    private GraphQlResponse page(ShopConnection connection) {
        return client.execute(connection, documents.get("ProductsPage"), pageVariables(),
                Deadline.after(Duration.ofSeconds(60), clock));
    }

    private static Map<String, Object> pageVariables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", 250);
        variables.put("after", null);
        variables.put("query", null);
        variables.put("variantsFirst", 100);
        return variables;
    }

    private static void assertWithinTenPercent(long expectedMs, long actualMs) {
        assertTrue(Math.abs(actualMs - expectedMs) <= expectedMs * 0.10,
                "waited " + actualMs + " ms, Shopify implied " + expectedMs + " ms");
    }
}
