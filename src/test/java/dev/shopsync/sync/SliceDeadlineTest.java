package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.BIG_SHOP;
import static dev.shopsync.support.SliceInvoker.invokeRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shopsync.simulator.ShopPlan;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.state.CursorStore;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A slice whose next budget wait does not fit its deadline stops at a page boundary and says there is more. */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SliceDeadlineTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    CursorStore cursors;

    @BeforeEach
    @AfterEach
    void reset() {
        simulator.shop(BIG_SHOP).faults().clear();
        simulator.shop(BIG_SHOP).setPlan(ShopPlan.STANDARD);
        data.reset(BIG_SHOP);
    }

    @Test
    void aNearDeadlineEndsTheSliceAtAPageBoundaryWithHasMore() {
        SimulatedShop shop = simulator.shop(BIG_SHOP);
        // A bucket that refills at 1 point/s: after a page or two, the next one needs minutes.
        shop.setPlan(ShopPlan.custom(400, 1));

        JsonPath result = invoke(Map.of("shop", BIG_SHOP, "resource", "products", "maxSeconds", 4));

        assertEquals("DEADLINE", result.getString("outcome"));
        assertTrue(result.getBoolean("hasMore"));
        int pages = result.getInt("pages");
        assertTrue(pages >= 1 && pages < 12, "stopped early, after " + pages + " pages");
        assertEquals(250 * pages, result.getInt("records"));
        assertEquals(250L * pages, data.count("SELECT count(*) FROM product WHERE shop_id = ?",
                data.shopId(BIG_SHOP)), "exactly the committed pages are stored");
        assertTrue(cursors.load(BIG_SHOP, "products").orElseThrow().windowOpen(), "the cursor resumes mid-window");

        shop.setPlan(ShopPlan.STANDARD);
        data.deleteBucket(BIG_SHOP); // a plan change is learned from answers; skip the slow old refill here
        boolean hasMore = true;
        while (hasMore) {
            hasMore = SliceInvoker.slice(BIG_SHOP, null).getBoolean("hasMore");
        }
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(BIG_SHOP));
    }

    @Test
    void aSlowAnswerEndsTheSliceAtItsDeadlineWithNothingHalfWritten() {
        simulator.shop(BIG_SHOP).faults().respondSlowNext(1, Duration.ofSeconds(15));

        long start = System.nanoTime();
        JsonPath result = invoke(Map.of("shop", BIG_SHOP, "resource", "products", "maxSeconds", 3));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals("DEADLINE", result.getString("outcome"));
        assertTrue(result.getBoolean("hasMore"));
        assertEquals(0, result.getInt("pages"));
        assertTrue(tookMs < 3_000 + 1_500, "the slice answered after " + tookMs + " ms, its budget was 3 s");
        assertEquals(0L, data.count("SELECT count(*) FROM product WHERE shop_id = ?", data.shopId(BIG_SHOP)),
                "nothing of the abandoned page is stored");
        assertTrue(cursors.load(BIG_SHOP, "products").map(cursor -> cursor.pageCursor() == null).orElse(true),
                "the cursor did not move past a page that was never written");
    }

    private static JsonPath invoke(Map<String, Object> event) {
        var response = invokeRaw(event);
        response.then().statusCode(200);
        return response.jsonPath();
    }
}
