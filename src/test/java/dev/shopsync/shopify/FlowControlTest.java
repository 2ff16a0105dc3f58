package dev.shopsync.shopify;

import static dev.shopsync.support.SimulatorResource.BIG_SHOP;
import static dev.shopsync.support.SimulatorResource.FLAKY_SHOP;
import static dev.shopsync.support.SimulatorResource.SMALL_SHOP;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.budget.Lane;
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
import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Shopify's flow control as the simulator produces it: the shared budget waits before sending what the bucket
 * cannot afford, a THROTTLED answer is waited out for exactly what {@code throttleStatus} implies, 429 for its
 * {@code Retry-After}, 5xx are retried with back-off, a failing shop trips its own circuit only, and refusals
 * fail at once with the shop's name.
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

    @BeforeEach
    @AfterEach
    void restoreShops() {
        for (String domain : new String[] {SMALL_SHOP, FLAKY_SHOP}) {
            SimulatedShop shop = simulator.shop(domain);
            shop.faults().clear();
            shop.setPlan(ShopPlan.STANDARD);
            data.deleteRedisKeys(domain);
        }
    }

    @Test
    void theSharedBudgetWaitsBeforeSendingWhatTheBucketCannotAfford() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        ShopConnection connection = shops.require(SMALL_SHOP);
        int requested = page(connection).cost().requestedQueryCost();
        double restoreRate = 50;
        shop.setPlan(ShopPlan.custom(requested + 10, restoreRate));
        data.deleteRedisKeys(SMALL_SHOP);
        long throttledBefore = shop.counters().throttled();

        page(connection); // teaches the budget the plan: Shopify's bucket is the truth
        double available = shop.throttleStatus().currentlyAvailable();
        GraphQlResponse second = page(connection);

        assertEquals(throttledBefore, shop.counters().throttled(), "the budget waited: Shopify never throttled");
        assertEquals(1, second.attempts());
        long expectedMs = Math.round((requested - available) * 1000 / restoreRate);
        assertTrue(expectedMs > 500, "the scenario must force a real wait, expected " + expectedMs + " ms");
        assertWithinTenPercent(expectedMs, second.throttledMillis());
    }

    @Test
    void throttledIsWaitedOutForExactlyWhatThrottleStatusImplies() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        ShopConnection connection = shops.require(SMALL_SHOP);
        int requested = page(connection).cost().requestedQueryCost();
        double restoreRate = 50;
        shop.setPlan(ShopPlan.custom(requested + 10, restoreRate));
        page(connection);
        // Our budget loses its state (as if another app drained the bucket behind our back): the next call
        // is sent optimistically, Shopify answers THROTTLED, and the wait comes from its throttleStatus.
        data.deleteRedisKeys(SMALL_SHOP);
        long throttledBefore = shop.counters().throttled();
        double available = shop.throttleStatus().currentlyAvailable();

        GraphQlResponse second = page(connection);

        assertEquals(throttledBefore + 1, shop.counters().throttled());
        assertEquals(2, second.attempts(), "one THROTTLED answer, then success");
        long expectedMs = Math.round((requested - available) * 1000 / restoreRate);
        assertTrue(expectedMs > 500, "the scenario must force a real wait, expected " + expectedMs + " ms");
        assertWithinTenPercent(expectedMs, second.throttledMillis());
    }

    @Test
    void http429IsWaitedOutForItsDecimalRetryAfterInSecondsNotMilliseconds() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        long before = shop.counters().http429();
        shop.faults().respond429Next(1, "2.0");

        GraphQlResponse response = page(shops.require(SMALL_SHOP));

        assertEquals(2, response.attempts());
        assertEquals(before + 1, shop.counters().http429());
        assertWithinTenPercent(2000, response.throttledMillis());
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
    void aFailingShopOpensItsOwnCircuitWhileAnotherShopKeepsWorking() {
        SimulatedShop flaky = simulator.shop(FLAKY_SHOP);
        flaky.faults().respond5xxNext(100, 503);
        ShopConnection failing = shops.require(FLAKY_SHOP);

        ShopifyApiException exhausted = assertThrows(ShopifyApiException.class, () -> page(failing));
        assertEquals("shop flaky-test.myshopify.com: HTTP 503; retries exhausted", exhausted.getMessage());
        ShopifyApiException open = assertThrows(ShopifyApiException.class, () -> page(failing));
        assertTrue(open.getMessage().startsWith("shop flaky-test.myshopify.com: circuit open"), open.getMessage());
        long requestsWhileOpen = flaky.counters().requests();
        assertThrows(ShopifyApiException.class, () -> page(failing));
        assertEquals(requestsWhileOpen, flaky.counters().requests(), "an open circuit sends nothing");

        GraphQlResponse other = page(shops.require(BIG_SHOP));
        assertEquals(1, other.attempts(), "another shop is not slowed by the broken one");
        data.reset(SMALL_SHOP);
        var slice = SliceInvoker.slice(SMALL_SHOP, 1);
        assertEquals(1, slice.getInt("pages"), "another shop's slices keep succeeding");

        flaky.faults().clear();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> page(failing).attempts() >= 1);
    }

    @Test
    void aThrottleWaitThatDoesNotFitTheDeadlineEndsTheCallEarly() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        shop.faults().respond429Next(1, "30");
        ShopConnection connection = shops.require(SMALL_SHOP);

        DeadlineReachedException early = assertThrows(DeadlineReachedException.class,
                () -> client.execute(connection, documents.get("ProductsPage"), pageVariables(), Lane.WEBHOOK,
                        Deadline.after(Duration.ofSeconds(5), clock)));
        assertEquals(30_000, early.wanted().toMillis());
    }

    @Test
    void aSlowAnswerIsAbandonedAtTheDeadlineNotAfterIt() {
        SimulatedShop shop = simulator.shop(SMALL_SHOP);
        ShopConnection connection = shops.require(SMALL_SHOP);
        page(connection); // a warm client and a known query cost: what is measured is the abandoned answer
        shop.faults().respondSlowNext(1, Duration.ofSeconds(10));
        long slowBefore = shop.counters().slowResponses();

        long start = System.nanoTime();
        DeadlineReachedException late = assertThrows(DeadlineReachedException.class,
                () -> client.execute(connection, documents.get("ProductsPage"), pageVariables(), Lane.WEBHOOK,
                        Deadline.after(Duration.ofSeconds(2), clock)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(slowBefore + 1, shop.counters().slowResponses(), "the answer was on its way, late");
        // the slice keeps a safety margin of seconds before Lambda's deadline; this overshoot must stay well inside it
        assertTrue(tookMs >= 1_500 && tookMs < 2_000 + 1_000,
                "abandoned after " + tookMs + " ms, the deadline was 2 s");
        assertTrue(late.getMessage().startsWith("shop small-test.myshopify.com: no answer within the "),
                late.getMessage());
        assertEquals(1, page(connection).attempts(), "the next call is answered as usual");
    }

    @Test
    void aRevokedTokenFailsAtOnceNamingTheShop() {
        ShopConnection good = shops.require(SMALL_SHOP);
        ShopConnection revoked = new ShopConnection("revoked-" + SMALL_SHOP, good.apiVersion(),
                URI.create(simulator.baseUrl(SMALL_SHOP)), new AccessToken("shpat_wrong"));

        ShopifyApiException refused = assertThrows(ShopifyApiException.class, () -> page(revoked));

        assertEquals(401, refused.httpStatus());
        assertEquals("shop revoked-small-test.myshopify.com: the access token is invalid or was revoked (401)",
                refused.getMessage());
        assertFalse(refused.getMessage().contains("shpat_"), "never echo the token");
    }

    @Test
    void aQueryInvalidAgainstTheSchemaIsRejectedWithShopifysMessage() {
        GraphQlDocument invalid = new GraphQlDocument("Invalid", "query Invalid { products(first: 1) { nodes { "
                + "id noSuchField } } }");

        ShopifyApiException rejected = assertThrows(ShopifyApiException.class,
                () -> client.execute(shops.require(SMALL_SHOP), invalid, Map.of(), Lane.WEBHOOK,
                        Deadline.after(Duration.ofSeconds(30), clock)));

        assertTrue(rejected.getMessage().startsWith("shop small-test.myshopify.com: query Invalid rejected: "),
                rejected.getMessage());
        assertTrue(rejected.getMessage().contains("noSuchField"), rejected.getMessage());
    }

    private GraphQlResponse page(ShopConnection connection) {
        return client.execute(connection, documents.get("ProductsPage"), pageVariables(), Lane.WEBHOOK,
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

    static void assertWithinTenPercent(long expectedMs, long actualMs) {
        assertTrue(Math.abs(actualMs - expectedMs) <= expectedMs * 0.10,
                "waited " + actualMs + " ms, Shopify implied " + expectedMs + " ms");
    }
}
