package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.OFFSET_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.simulator.OrderTruth;
import dev.shopsync.simulator.ProductTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.simulator.VariantTruth;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.state.StreamOffsets;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 13, point 5: a lost cursor never skips data. Each stream's cursor is committed in PostgreSQL with the page it
 * covers ({@code stream_offset}); Redis only holds the fast copy. When Redis loses it after webhooks wrote rows newer
 * than the last page, the rebuild starts at the committed watermark, not at {@code max(updated_at) - lookback}, so
 * rows changed in the gap between the two are still read.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StreamOffsetRecoveryTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    CursorStore cursors;

    @Inject
    StreamOffsets offsets;

    @Inject
    WebhookHandler webhooks;

    @Inject
    DataSource dataSource;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    private long shopId;

    @BeforeEach
    void freshShop() {
        data.reset(OFFSET_SHOP);
        shopId = data.shopId(OFFSET_SHOP);
    }

    @Test
    void lostProductCursorAfterNewerWebhookRowsStillReadsTheRowsChangedInTheGap() {
        SimulatedShop shop = simulator.shop(OFFSET_SHOP);
        assertLostCursorSkipsNothing("products", "product", shop::editProducts,
                id -> deliver("products/update", productPayload(product(shop, id))),
                () -> TestData.truthChecksums(shop), () -> data.databaseChecksums(OFFSET_SHOP));
    }

    @Test
    void lostOrderCursorAfterNewerWebhookRowsStillReadsTheRowsChangedInTheGap() {
        SimulatedShop shop = simulator.shop(OFFSET_SHOP);
        assertLostCursorSkipsNothing("orders", "orders", shop::editOrders,
                id -> deliver("orders/updated", orderPayload(order(shop, id))),
                () -> TestData.truthOrderChecksums(shop), () -> data.databaseOrderChecksums(OFFSET_SHOP));
    }

    /**
     * Synced to the truth; then the merchant changes rows an hour ago (no webhook for them: Shopify's delivery is
     * best effort) and a few rows two minutes ago, whose webhooks arrive and push {@code max(updated_at)} to now;
     * Redis loses everything; the next slices must end equal to the truth.
     */
    private void assertLostCursorSkipsNothing(String resource, String table, Edits edits,
            Function<Long, String> webhook, Supplier<Map<Long, String>> truth, Supplier<Map<Long, String>> stored) {
        SliceInvoker.runToEnd(OFFSET_SHOP, resource, null, 2);
        assertEquals(truth.get(), stored.get());
        Cursor synced = cursors.load(OFFSET_SHOP, resource).orElseThrow();
        assertEquals(synced, offsets.load(shopId, resource).orElseThrow(),
                "the offset committed with the last page is what Redis holds");

        Instant webhookAt = SimulatorResource.recently();
        Instant gapAt = webhookAt.minus(1, ChronoUnit.HOURS);
        assertTrue(gapAt.isAfter(synced.watermark()), "the gap lies after the last page: " + synced);
        // Shopify's order of events: the gap's changes first, then the ones whose webhooks arrive
        List<Long> changedInGap = new ArrayList<>(edits.edit(12, gapAt));
        List<Long> hooked = edits.edit(4, webhookAt);
        changedInGap.removeAll(hooked);
        assertFalse(changedInGap.isEmpty());
        for (Long id : hooked) {
            String status = webhook.apply(id);
            assertTrue(status.contains("upserted"), status);
        }
        Instant maxStored = Instant.ofEpochSecond(data.count("SELECT extract(epoch FROM max(updated_at))::bigint FROM "
                + table + " WHERE shop_id = ?", shopId));
        assertEquals(webhookAt, maxStored, "webhooks wrote rows newer than the last page");
        assertTrue(gapAt.isBefore(maxStored.minus(Duration.ofMinutes(10))),
                "max(updated_at) minus any sane lookback is past the gap");
        Map<Long, String> expected = truth.get();
        Map<Long, String> before = stored.get();
        for (Long id : changedInGap) {
            assertNotEquals(expected.get(id), before.get(id), "row " + id + " changed in the gap is not stored yet");
        }

        long lastRun = lastRunId();
        data.deleteRedisKeys(OFFSET_SHOP);
        SliceInvoker.runToEnd(OFFSET_SHOP, resource, null, 2);

        assertEquals(List.of(), differing(expected, stored.get()), "rows changed in the gap, skipped by the rebuild");
        assertEquals(expected, stored.get());
        assertEquals(synced, firstCursorBeforeAfter(lastRun, resource), "rebuilt from the committed offset");
    }

    @Test
    void aPageAndItsOffsetCommitTogetherOrNotAtAll() {
        SimulatedShop shop = simulator.shop(OFFSET_SHOP);
        JsonPath first = SliceInvoker.slice(Map.of("shop", OFFSET_SHOP, "resource", "products", "maxPages", 1));
        assertTrue(first.getBoolean("hasMore"));
        Cursor redisBefore = cursors.load(OFFSET_SHOP, "products").orElseThrow();
        Cursor offsetBefore = offsets.load(shopId, "products").orElseThrow();
        assertEquals(redisBefore, offsetBefore);
        long rowsBefore = productRows();

        KilledBeforeCommit killer = new KilledBeforeCommit(dataSource, shopId);
        QuarkusMock.installMockForType(killer, StreamOffsets.class);
        Response killed = SliceInvoker.invokeRaw(Map.of("shop", OFFSET_SHOP, "resource", "products", "maxPages", 1));
        assertNotEquals(200, killed.statusCode(), killed.asString());
        assertTrue(killed.asString().contains("killed before the commit"), killed.asString());

        assertTrue(killer.rowsInsideTheTransaction > rowsBefore, "the page's rows were written before the kill: "
                + killer.rowsInsideTheTransaction + " vs " + rowsBefore);
        assertTrue(killer.offsetInsideTheTransaction.watermark().isAfter(offsetBefore.watermark()),
                "and so was the offset past them");
        assertEquals(rowsBefore, productRows(), "the page's rows were rolled back");
        assertEquals(offsetBefore, offsets.load(shopId, "products").orElseThrow(), "and its offset with them");
        assertEquals(redisBefore, cursors.load(OFFSET_SHOP, "products").orElseThrow(), "Redis did not move either");

        QuarkusMock.installMockForType(new StreamOffsets(dataSource), StreamOffsets.class);
        SliceInvoker.runToEnd(OFFSET_SHOP, "products", null, 2);
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(OFFSET_SHOP));
    }

    @Test
    void anUnreadableRedisCursorIsRebuiltFromTheCommittedOffset() {
        SimulatedShop shop = simulator.shop(OFFSET_SHOP);
        SliceInvoker.slice(Map.of("shop", OFFSET_SHOP, "resource", "products", "maxPages", 1));
        Cursor committed = offsets.load(shopId, "products").orElseThrow();
        assertTrue(committed.windowOpen() && committed.pageCursor() != null, "mid-window: " + committed);

        redis.value(String.class).set(keys.cursor(OFFSET_SHOP, "products"), "{\"watermark\": \"not a time");
        long lastRun = lastRunId();
        JsonPath next = SliceInvoker.slice(Map.of("shop", OFFSET_SHOP, "resource", "products", "maxPages", 1));

        assertEquals(1, next.getInt("pages"));
        assertEquals(committed, firstCursorBeforeAfter(lastRun, "products"),
                "resumed where the committed offset stands, page cursor included");
        SliceInvoker.runToEnd(OFFSET_SHOP, "products", null, 2);
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(OFFSET_SHOP));
    }

    @Test
    void aLostPartitionCursorResumesFromItsOffsetAndAFinishedPartitionStaysFinished() {
        SimulatedShop shop = simulator.shop(OFFSET_SHOP);
        List<ProductTruth> byTime = shop.products().stream()
                .sorted(Comparator.comparing(ProductTruth::updatedAt)).toList();
        Instant start = byTime.get(0).updatedAt();
        Instant end = byTime.get(byTime.size() - 1).updatedAt();
        String stream = "products@" + start + ".." + end;
        Map<String, Object> partition = new HashMap<>(Map.of("shop", OFFSET_SHOP, "resource", "products",
                "windowStart", start.toString(), "windowEnd", end.toString(), "maxPages", 1));

        JsonPath first = SliceInvoker.slice(partition);
        assertEquals("partition", first.getString("mode"));
        Cursor committed = offsets.load(shopId, stream).orElseThrow();
        assertEquals(end, committed.windowEnd());

        long lastRun = lastRunId();
        data.deleteRedisKeys(OFFSET_SHOP);
        boolean hasMore = true;
        while (hasMore) {
            hasMore = SliceInvoker.slice(partition).getBoolean("hasMore");
        }
        assertEquals(committed, firstCursorBeforeAfter(lastRun, "products"), "resumed where it was committed");
        assertEquals(TestData.truthChecksums(shop), data.databaseChecksums(OFFSET_SHOP));
        assertFalse(offsets.load(shopId, stream).orElseThrow().windowOpen(), "the partition is finished");

        data.deleteRedisKeys(OFFSET_SHOP);
        JsonPath again = SliceInvoker.slice(partition);
        assertEquals("UP_TO_DATE", again.getString("outcome"), "a finished partition is not read again");
        assertEquals(0, again.getInt("pages"));
    }

    @Test
    void theCommittedWatermarkNeverMovesBackwards() {
        String stream = "products@test";
        Instant later = Instant.parse("2026-11-20T10:00:00Z");
        Cursor ahead = new Cursor(later, 42L, later.minusSeconds(60), later.plusSeconds(60), "page-2");
        assertTrue(offsets.save(shopId, stream, Cursor.startingAt(null)));
        assertTrue(offsets.save(shopId, stream, ahead));
        assertFalse(offsets.save(shopId, stream, new Cursor(later, 41L, null, null, null)), "lower id, same time");
        assertFalse(offsets.save(shopId, stream, Cursor.startingAt(later.minusSeconds(1))), "older time");
        assertFalse(offsets.save(shopId, stream, Cursor.startingAt(null)), "back to the beginning");
        assertEquals(ahead, offsets.load(shopId, stream).orElseThrow());
        Cursor nextPage = new Cursor(later, 42L, later.minusSeconds(60), later.plusSeconds(60), "page-3");
        assertTrue(offsets.save(shopId, stream, nextPage), "a page with nothing newer still moves its page cursor");
        assertEquals(nextPage, offsets.load(shopId, stream).orElseThrow());
    }

    /** Ids whose stored checksum differs from the truth (missing or extra included), ascending. */
    private static List<Long> differing(Map<Long, String> truth, Map<Long, String> stored) {
        TreeSet<Long> ids = new TreeSet<>(truth.keySet());
        ids.addAll(stored.keySet());
        ids.removeIf(id -> Objects.equals(truth.get(id), stored.get(id)));
        return List.copyOf(ids);
    }

    private long lastRunId() {
        return data.count("SELECT coalesce(max(id), 0) FROM sync_run WHERE shop_id = ?", shopId);
    }

    /** The cursor the first slice of the resource after run {@code runId} started from. */
    private Cursor firstCursorBeforeAfter(long runId, String resource) {
        String text = data.text("SELECT cursor_before::text FROM sync_run WHERE shop_id = ? AND resource = ? "
                + "AND id > ? ORDER BY id LIMIT 1", shopId, resource, runId);
        try {
            return json.readValue(text, Cursor.class);
        } catch (IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private long productRows() {
        return data.count("SELECT count(*) FROM product WHERE shop_id = ?", shopId);
    }

    private String deliver(String topic, String body) {
        Map<String, Object> response = webhooks.handleRequest(SignedWebhook.of(OFFSET_SHOP, topic, body,
                APP_WEBHOOK_SECRET).event(), null);
        assertEquals(200, response.get("statusCode"), String.valueOf(response.get("body")));
        return String.valueOf(response.get("body"));
    }

    private static ProductTruth product(SimulatedShop shop, long id) {
        return shop.products().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    private static OrderTruth order(SimulatedShop shop, long id) {
        return shop.orders().stream().filter(o -> o.id() == id).findFirst().orElseThrow();
    }

    /** A {@code products/update} body as Shopify's REST webhook sends it, for the product as it now is. */
    private String productPayload(ProductTruth p) {
        ObjectNode body = json.createObjectNode();
        body.put("id", p.id());
        body.put("admin_graphql_api_id", p.gid());
        body.put("title", p.title());
        body.put("handle", p.handle());
        body.put("status", p.status().toLowerCase(Locale.ROOT));
        body.put("vendor", p.vendor());
        body.put("tags", String.join(", ", p.tags()));
        body.put("created_at", p.createdAt().toString());
        body.put("updated_at", p.updatedAt().toString());
        ArrayNode variants = body.putArray("variants");
        for (VariantTruth v : p.variants()) {
            variants.addObject().put("id", v.id()).put("admin_graphql_api_id", v.gid()).put("product_id", p.id())
                    .put("title", v.title()).put("sku", v.sku()).put("price", v.price())
                    .put("position", v.position()).put("inventory_quantity", v.inventoryQuantity())
                    .put("created_at", v.createdAt().toString()).put("updated_at", v.updatedAt().toString());
        }
        return body.toString();
    }

    /** An {@code orders/updated} body with the order's own fields as it now is. */
    private String orderPayload(OrderTruth o) {
        ObjectNode body = json.createObjectNode();
        body.put("id", o.id());
        body.put("admin_graphql_api_id", o.gid());
        body.put("name", o.name());
        body.put("email", o.email());
        body.put("currency", o.currencyCode());
        body.put("financial_status", o.displayFinancialStatus().toLowerCase(Locale.ROOT));
        body.put("created_at", o.createdAt().toString());
        body.put("updated_at", o.updatedAt().toString());
        body.putObject("total_price_set").putObject("shop_money").put("amount", o.totalPrice())
                .put("currency_code", o.currencyCode());
        return body.toString();
    }

    @FunctionalInterface
    private interface Edits {
        List<Long> edit(int count, Instant at);
    }

    /**
     * Writes the offset inside the page's transaction, looks at what that transaction holds, then dies before the
     * commit, like a Lambda killed between the last statement and the commit.
     */
    @Vetoed
    static class KilledBeforeCommit extends StreamOffsets {

        private final DataSource dataSource;
        private final long shopId;
        volatile long rowsInsideTheTransaction = -1;
        volatile Cursor offsetInsideTheTransaction;

        KilledBeforeCommit(DataSource dataSource, long shopId) {
            super(dataSource);
            this.dataSource = dataSource;
            this.shopId = shopId;
        }

        @Override
        public boolean save(long shop, String stream, Cursor cursor) {
            super.save(shop, stream, cursor);
            offsetInsideTheTransaction = load(shop, stream).orElseThrow();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement count = connection.prepareStatement(
                            "SELECT count(*) FROM product WHERE shop_id = ?")) {
                count.setLong(1, shopId);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    rowsInsideTheTransaction = rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("killed before the commit (test)");
        }
    }
}
