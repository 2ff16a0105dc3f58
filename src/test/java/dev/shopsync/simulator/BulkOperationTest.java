package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** A bulk query's life through the API: the captured run, polling by the clock, the JSONL file and its download. */
class BulkOperationTest {

    static final String DOMAIN = "bulk.myshopify.com";
    static final String TOKEN = "shpat_bulk";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private MutableClock clock;
    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private BulkApi api;

    @BeforeEach
    void start() {
        clock = new MutableClock(NOW);
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO).withClock(clock));
        shop = simulator.addShop(DOMAIN, TOKEN, ShopPlan.STANDARD, new CatalogSpec(3, 12, NOW, 0));
        api = new BulkApi(new SimulatorClient(simulator.baseUrl(DOMAIN), TOKEN, "2026-10"));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void theCapturedRunAnswersCreatedInTheCapturedShape() {
        SimulatorClient.Reply reply = api.post(BulkCaptures.RUN_MUTATION, Map.of("query", BulkCaptures.PRODUCTS_QUERY));

        JsonNode payload = reply.data().path("bulkOperationRunQuery");
        assertEquals(List.of("bulkOperation", "userErrors"), fieldNames(payload));
        assertEquals(0, payload.path("userErrors").size());
        assertTrue(payload.path("userErrors").isArray());
        JsonNode operation = payload.path("bulkOperation");
        assertEquals(BulkCaptures.OPERATION_KEYS, fieldNames(operation));
        assertTrue(operation.path("id").asText().matches("gid://shopify/BulkOperation/\\d{13}"), operation::toString);
        assertEquals("CREATED", operation.path("status").asText());
        assertEquals("QUERY", operation.path("type").asText());
        assertEquals("2026-01-01T00:00:00Z", operation.path("createdAt").asText());
        // Counts are UnsignedInt64: strings on the wire.
        assertTrue(operation.path("objectCount").isTextual());
        assertEquals("0", operation.path("objectCount").asText());
        assertEquals("0", operation.path("rootObjectCount").asText());
        for (String absent : List.of("errorCode", "completedAt", "fileSize", "url", "partialDataUrl")) {
            assertTrue(operation.path(absent).isNull(), absent);
        }
        assertEquals(BulkCaptures.PRODUCTS_QUERY, operation.path("query").asText());
        assertEquals(10, reply.cost().path("requestedQueryCost").asInt());
        assertEquals(10, reply.cost().path("actualQueryCost").asInt());
        assertEquals(1, shop.bulkOperations().started());
        assertEquals(1, shop.counters().bulkRuns());
    }

    @Test
    void pollingFollowsTheShopClockFromCreatedThroughRunningToCompleted() {
        shop.bulkOperations().timing(Duration.ofMillis(200), 10);
        List<String> expected = BulkApi.productsFile(shop.products());
        String gid = api.start(BulkCaptures.PRODUCTS_QUERY);

        SimulatorClient.Reply first = api.post(BulkCaptures.POLL, Map.of("id", gid));
        assertEquals(1, first.cost().path("requestedQueryCost").asInt());
        assertEquals("CREATED", first.data().path("bulkOperation").path("status").asText());
        clock.advance(Duration.ofMillis(199));
        assertEquals("CREATED", api.poll(gid).path("status").asText());
        clock.advance(Duration.ofMillis(1));
        JsonNode running = api.poll(gid);
        assertEquals("RUNNING", running.path("status").asText());
        assertEquals("0", running.path("objectCount").asText());

        clock.advance(Duration.ofMillis(1_500));
        running = api.poll(gid);
        assertEquals("RUNNING", running.path("status").asText());
        assertEquals("15", running.path("objectCount").asText());
        // The first 12 lines are the 12 roots, so 12 of the 15 written so far are roots.
        assertEquals("12", running.path("rootObjectCount").asText());
        assertTrue(running.path("url").isNull());

        long writing = (expected.size() * 1_000L + 9) / 10;
        clock.set(NOW.plusMillis(200 + writing));
        JsonNode done = api.poll(gid);
        assertEquals("COMPLETED", done.path("status").asText(), done::toString);
        assertEquals(String.valueOf(expected.size()), done.path("objectCount").asText());
        assertEquals("12", done.path("rootObjectCount").asText());
        assertEquals(ShopGraph.iso(NOW.plusMillis(200 + writing)), done.path("completedAt").asText());
        assertTrue(done.path("url").asText().matches("http://127\\.0\\.0\\.1:" + simulator.port()
                + "/bulk-results/[0-9a-f]{32}\\.jsonl"), done::toString);
        byte[] file = api.download(done.path("url").asText(), null).body();
        assertEquals(String.valueOf(file.length), done.path("fileSize").asText());
        assertEquals(expected, BulkApi.lines(file));

        SimulatorClient.Reply byNode = api.post("query($id: ID!) { node(id: $id) { ... on BulkOperation { id status"
                + " objectCount url } } }", Map.of("id", gid));
        assertEquals("COMPLETED", byNode.data().path("node").path("status").asText());
        assertEquals(done.path("url"), byNode.data().path("node").path("url"));
        JsonNode current = api.post("{ currentBulkOperation { id status objectCount } }", Map.of()).data()
                .path("currentBulkOperation");
        assertEquals(gid, current.path("id").asText());
        assertEquals("COMPLETED", current.path("status").asText());
        assertEquals(1, api.post("{ currentBulkOperation(type: QUERY) { id } }", Map.of()).cost()
                .path("requestedQueryCost").asInt());
    }

    @Test
    void theFileHoldsEveryRowOnceWithItsParentAndChildrenAwayFromTheirParent() {
        String gid = api.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofSeconds(10));
        JsonNode done = api.poll(gid);
        List<String> lines = BulkApi.lines(api.download(done.path("url").asText(), null).body());

        assertEquals(BulkApi.productsFile(shop.products()), lines);
        assertEquals(Long.parseLong(done.path("objectCount").asText()), lines.size());
        assertEquals(shop.products().size(), Long.parseLong(done.path("rootObjectCount").asText()));
        assertTrue(lines.get(0).startsWith("{\"id\":\"gid:\\/\\/shopify\\/Product\\/"), lines.get(0));
        Set<String> distinct = new HashSet<>(lines);
        assertEquals(lines.size(), distinct.size());
        int variants = shop.products().stream().mapToInt(p -> p.variants().size()).sum();
        assertEquals(shop.products().size() + variants + shop.products().stream()
                .mapToInt(p -> ProductMedia.of(p).size()).sum(), lines.size());
        // No child sits right after its own parent: readers must join by __parentId.
        for (int i = 1; i < lines.size(); i++) {
            JsonNode line = json(lines.get(i));
            JsonNode previous = json(lines.get(i - 1));
            if (line.has("__parentId")) {
                assertFalse(line.path("__parentId").asText().equals(previous.path("id").asText()), lines.get(i));
            }
        }
    }

    @Test
    void groupObjectsPutsEachRootsChildrenRightAfterIt() {
        JsonNode payload = api.runGrouped(BulkCaptures.PRODUCTS_QUERY);
        String gid = payload.path("bulkOperation").path("id").asText();
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(true), shop.bulkOperations().all().stream().map(BulkOperationTruth::groupObjects)
                .toList());
        List<String> lines = BulkApi.lines(api.download(api.poll(gid).path("url").asText(), null).body());
        assertEquals(BulkApi.productsFileGrouped(shop.products()), lines);
    }

    @Test
    void rootsArePagedSoEachPageOfRootsIsFollowedByItsChildren() {
        SimulatedShop big = simulator.addShop("big.myshopify.com", TOKEN, ShopPlan.STANDARD,
                new CatalogSpec(5, 600, NOW, 0));
        BulkApi bigApi = new BulkApi(new SimulatorClient(simulator.baseUrl("big.myshopify.com"), TOKEN, "2026-10"));
        String gid = bigApi.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofSeconds(60));
        JsonNode done = bigApi.poll(gid);
        List<String> lines = BulkApi.lines(bigApi.download(done.path("url").asText(), null).body());
        assertEquals(BulkApi.productsFile(big.products()), lines);
        assertEquals("600", done.path("rootObjectCount").asText());
    }

    @Test
    void aRangeResumesWithExactlyTheRemainingBytes() {
        String gid = api.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofSeconds(10));
        String url = api.poll(gid).path("url").asText();
        HttpResponse<byte[]> whole = api.download(url, null);
        assertEquals(200, whole.statusCode());
        assertEquals("application/jsonl", whole.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(String.valueOf(whole.body().length),
                whole.headers().firstValue("Content-Length").orElseThrow());

        int from = whole.body().length / 3;
        HttpResponse<byte[]> rest = api.download(url, "bytes=" + from + "-");
        assertEquals(206, rest.statusCode());
        assertEquals("bytes " + from + "-" + (whole.body().length - 1) + "/" + whole.body().length,
                rest.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(whole.body(), from, whole.body().length), rest.body());

        HttpResponse<byte[]> head = api.head(url);
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(whole.body().length), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(416, api.download(url, "bytes=" + whole.body().length + "-").statusCode());
        HttpResponse<byte[]> unknown = api.download(url.replaceAll("[0-9a-f]{32}", "0".repeat(32)), null);
        assertEquals(404, unknown.statusCode());
        assertTrue(new String(unknown.body(), StandardCharsets.UTF_8).contains("<Code>NoSuchKey</Code>"));
        assertEquals(2, shop.counters().bulkDownloads());
        assertEquals(whole.body().length + rest.body().length, shop.counters().bulkBytesServed());
    }

    @Test
    void aCutDownloadResumesFromWhereItStopped() throws Exception {
        String gid = api.start(BulkCaptures.PRODUCTS_QUERY);
        clock.advance(Duration.ofSeconds(10));
        String url = api.poll(gid).path("url").asText();
        byte[] whole = api.download(url, null).body();

        shop.bulkOperations().cutDownloadsAfter(100);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean broke = false;
        try (InputStream in = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            int b;
            while ((b = in.read()) != -1) {
                received.write(b);
            }
        } catch (IOException cut) {
            broke = true;
        }
        assertTrue(broke, "the body ends before its Content-Length");
        assertEquals(100, received.size());

        HttpResponse<byte[]> rest = api.download(url, "bytes=100-");
        assertEquals(206, rest.statusCode());
        byte[] joined = new byte[whole.length];
        System.arraycopy(received.toByteArray(), 0, joined, 0, 100);
        System.arraycopy(rest.body(), 0, joined, 100, rest.body().length);
        assertArrayEquals(whole, joined);
    }

    @Test
    void aFilteredRootSeesOnlyWhatTheLaggingIndexHas() {
        Instant edit = NOW.plusSeconds(60);
        List<Long> edited = shop.editProducts(3, edit);
        String filtered = "{ products(query: \"updated_at:>='" + ShopGraph.iso(edit) + "' AND updated_at:<='"
                + ShopGraph.iso(edit.plusSeconds(3600)) + "'\") { edges { node { id } } } }";

        clock.set(edit.plusSeconds(1));
        String early = api.start(filtered);
        clock.set(edit.plusSeconds(30));
        String late = api.start(filtered);
        clock.advance(Duration.ofSeconds(10));

        assertEquals("COMPLETED", api.poll(early).path("status").asText());
        assertEquals("0", api.poll(early).path("objectCount").asText());
        // An empty result has no file to download.
        assertTrue(api.poll(early).path("url").isNull());
        List<String> lines = BulkApi.lines(api.download(api.poll(late).path("url").asText(), null).body());
        List<String> expected = new ArrayList<>();
        edited.forEach(id -> expected.add(BulkApi.line("id", ProductTruth.gidOf(id))));
        assertEquals(expected, lines);
    }

    @Test
    void aTwoConnectionProductsQueryAndAnOrdersQueryWork() {
        SimulatedShop orders = simulator.addShop("orders.myshopify.com", TOKEN, ShopPlan.STANDARD,
                new CatalogSpec(9, 40, NOW, 0, 20, 2, 0, 30));
        BulkApi ordersApi = new BulkApi(new SimulatorClient(simulator.baseUrl("orders.myshopify.com"), TOKEN,
                "2026-10"));
        String products = ordersApi.start("{ products { edges { node { id variants { edges { node { id sku } } }"
                + " media { nodes { id } } } } } }");
        String ordersRun = ordersApi.start("{ orders { edges { node { id name"
                + " lineItems { edges { node { id sku quantity } } }"
                + " shippingLines { nodes { id title } }"
                + " discountApplications { edges { node { __typename allocationMethod"
                + " value { ... on MoneyV2 { amount } ... on PricingPercentageValue { percentage } } } } } } } } }");
        clock.advance(Duration.ofSeconds(30));

        List<JsonNode> productLines = download(ordersApi, products);
        long variants = orders.products().stream().mapToLong(p -> p.variants().size()).sum();
        long media = orders.products().stream().mapToLong(p -> ProductMedia.of(p).size()).sum();
        assertEquals(orders.products().size() + variants + media, productLines.size());

        List<JsonNode> orderLines = download(ordersApi, ordersRun);
        Map<String, OrderTruth> byGid = new HashMap<>();
        orders.orders().forEach(o -> byGid.put(o.gid(), o));
        int lineItems = 0;
        int shipping = 0;
        int discounts = 0;
        for (JsonNode line : orderLines) {
            if (!line.has("__parentId")) {
                assertTrue(byGid.containsKey(line.path("id").asText()));
                continue;
            }
            OrderTruth parent = byGid.get(line.path("__parentId").asText());
            assertTrue(parent != null, line::toString);
            String id = line.path("id").asText();
            if (id.startsWith("gid://shopify/LineItem/")) {
                lineItems++;
                assertTrue(parent.lineItems().stream().anyMatch(l -> l.gid().equals(id)), line::toString);
            } else if (id.startsWith("gid://shopify/ShippingLine/")) {
                shipping++;
            } else {
                discounts++;
                assertTrue(line.path("__typename").asText().endsWith("DiscountApplication"), line::toString);
            }
        }
        assertEquals(orders.orders().stream().mapToInt(o -> o.lineItems().size()).sum(), lineItems);
        assertEquals(orders.orders().stream().mapToInt(o -> o.shippingLines().size()).sum(), shipping);
        assertEquals(orders.orders().stream().mapToInt(o -> o.discountApplications().size()).sum(), discounts);
        assertEquals(orders.orders().size() + lineItems + shipping + discounts, orderLines.size());
        assertEquals(String.valueOf(orderLines.size()), ordersApi.poll(ordersRun).path("objectCount").asText());
    }

    @Test
    void onTheSystemClockARunCompletesByItselfWithTheDefaultTiming() throws InterruptedException {
        try (ShopifySimulator real = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO))) {
            SimulatedShop realShop = real.addShop(DOMAIN, TOKEN, ShopPlan.STANDARD, new CatalogSpec(3, 12, NOW, 0));
            BulkApi realApi = new BulkApi(new SimulatorClient(real.baseUrl(DOMAIN), TOKEN, "2026-10"));
            String gid = realApi.start(BulkCaptures.PRODUCTS_QUERY);
            assertEquals("CREATED", realApi.poll(gid).path("status").asText());
            JsonNode polled = realApi.poll(gid);
            for (int i = 0; i < 50 && !polled.path("status").asText().equals("COMPLETED"); i++) {
                Thread.sleep(100);
                polled = realApi.poll(gid);
            }
            assertEquals("COMPLETED", polled.path("status").asText(), polled::toString);
            assertEquals(BulkApi.productsFile(realShop.products()),
                    BulkApi.lines(realApi.download(polled.path("url").asText(), null).body()));
        }
    }

    private static List<JsonNode> download(BulkApi api, String gid) {
        JsonNode done = api.poll(gid);
        assertEquals("COMPLETED", done.path("status").asText(), done::toString);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : BulkApi.lines(api.download(done.path("url").asText(), null).body())) {
            lines.add(json(line));
        }
        return lines;
    }

    static JsonNode json(String line) {
        try {
            return SimulatorClient.JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
