package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Faults by rate as a JDK HttpClient sees them, and what they do (and do not do) to the shop's bucket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

    static final String DOMAIN = "faulty.myshopify.com";
    static final String TOKEN = "shpat_faulty";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String CHEAP_PAGE = SimulatorHttpTest.CHEAP_PAGE;

    private ShopifySimulator simulator;
    private SimulatedShop shop;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        // The clock stands still, so the bucket moves only by what is charged.
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO)
                .withClock(new MutableClock(NOW)));
        shop = simulator.addShop(DOMAIN, TOKEN, ShopPlan.STANDARD, new CatalogSpec(3, 300, NOW, 0));
        client = new SimulatorClient(simulator.baseUrl(DOMAIN), TOKEN, "2026-10");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void fiveHundredsComeAtTheirRateFromTheSeededSequence() throws InterruptedException {
        FaultRates rates = FaultRates.none().withHttp5xx(0.10);
        shop.setPlan(ShopPlan.custom(1_000_000, 1_000));
        shop.faults().seed(2026).rates(rates);
        List<Integer> statuses = statuses(2_000);
        long failed = statuses.stream().filter(status -> status == 503).count();
        assertTrue(failed >= 140 && failed <= 260, "503s: " + failed + " of 2000");
        assertEquals(2_000 - failed, statuses.stream().filter(status -> status == 200).count());

        SimCounters.Snapshot counters = shop.counters().snapshot();
        assertEquals(failed, counters.http5xx());
        assertEquals(failed, counters.injectedFaults());
        assertEquals(2_000 - failed, counters.okResponses());

        // Concurrent requests take the draws in any order, but they are the first 2,000 draws of the seed.
        FaultPlan sameSeed = new FaultPlan().seed(2026).rates(rates);
        long expected = 0;
        for (int i = 0; i < 2_000; i++) {
            expected += sameSeed.next().kind() == FaultPlan.Kind.HTTP_5XX ? 1 : 0;
        }
        assertEquals(expected, failed);
    }

    @Test
    void aDroppedConnectionIsAnIoExceptionNotAStatus() {
        assertEquals(200, client.post(CHEAP_PAGE).status()); // a pooled connection for the drop to hit
        ThrottleSnapshot before = shop.throttleStatus();
        shop.faults().rates(FaultRates.none().withDropConnection(1));

        UncheckedIOException dropped = assertThrows(UncheckedIOException.class, () -> client.post(CHEAP_PAGE));
        assertInstanceOf(IOException.class, dropped.getCause());

        // Not retried behind our back: the simulator saw exactly one more request.
        assertEquals(2, shop.counters().requests());
        assertEquals(1, shop.counters().droppedConnections());
        assertEquals(1, shop.counters().injectedFaults());
        assertEquals(before, shop.throttleStatus(), "a dropped request charges nothing");
        shop.faults().rates(FaultRates.none());
        assertEquals(200, client.post(CHEAP_PAGE).status(), "the client recovers on a new connection");
    }

    @Test
    void aTruncatedBodyNeverParsesAsJson() throws Exception {
        ThrottleSnapshot before = shop.throttleStatus();
        shop.faults().rates(FaultRates.none().withTruncateBody(1));

        // A client that buffers the body fails outright.
        UncheckedIOException buffered = assertThrows(UncheckedIOException.class, () -> client.post(CHEAP_PAGE));
        assertTrue(buffered.getCause().getMessage().contains("content-length"), buffered.getCause().getMessage());

        // A client that streams gets the headers, fewer bytes than promised, then an error or an early EOF.
        HttpResponse<InputStream> streamed = HttpClient.newHttpClient().send(client.request()
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + CHEAP_PAGE + "\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, streamed.statusCode());
        long promised = streamed.headers().firstValueAsLong("Content-Length").orElseThrow();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean failed = false;
        try (InputStream in = streamed.body()) {
            for (int b = in.read(); b != -1; b = in.read()) {
                received.write(b);
            }
        } catch (IOException expected) {
            failed = true;
        }
        assertTrue(failed || received.size() < promised, "got all " + promised + " bytes without an error");
        assertTrue(received.size() < promised);
        String partial = received.toString(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> SimulatorClient.JSON.readTree(partial), partial);

        assertEquals(2, shop.counters().truncatedBodies());
        assertEquals(2, shop.counters().injectedFaults());
        assertEquals(0, shop.counters().okResponses());
        assertEquals(before, shop.throttleStatus(), "a truncated answer charges nothing");
    }

    @Test
    void aSlowAnswerIsChargedAndArrivesLate() {
        Duration slowBy = Duration.ofMillis(300);
        shop.faults().rates(FaultRates.none().withSlow(1, slowBy));

        long start = System.nanoTime();
        SimulatorClient.Reply reply = client.post(CHEAP_PAGE);
        long elapsed = System.nanoTime() - start;
        assertEquals(200, reply.status());
        assertEquals(250, reply.data().path("products").path("nodes").size());
        assertTrue(elapsed >= slowBy.toNanos(), "answered after " + elapsed / 1_000_000 + " ms");
        assertEquals(13, shop.counters().actualCostCharged());
        assertEquals(2000 - 13, shop.throttleStatus().currentlyAvailable(), 1e-9);
        assertEquals(1, shop.counters().slowResponses());
        assertEquals(0, shop.counters().injectedFaults(), "late is not wrong");

        // A client with a shorter read timeout gives up; the simulator has charged the query all the same.
        assertThrows(HttpTimeoutException.class, () -> HttpClient.newHttpClient().send(client.request()
                .timeout(Duration.ofMillis(100))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ shop { id } }\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    @Test
    void aThrottledBurstAnswersLikeARealThrottleThenServiceResumes() throws IOException {
        assertEquals(13, client.post(CHEAP_PAGE).cost().path("actualQueryCost").asInt());
        ThrottleSnapshot before = shop.throttleStatus();
        shop.faults().rates(FaultRates.none().withThrottledBurst(1, 3));
        SimulatorClient.Reply first = client.post(CHEAP_PAGE);
        shop.faults().rates(FaultRates.none()); // the burst that has started runs to its end

        ObjectNode expected = (ObjectNode) SimulatorHttpTest.fixture("THROTTLED-measured-2026-08-28-advanced-plan.json");
        ObjectNode cost = (ObjectNode) expected.path("extensions").path("cost");
        cost.put("requestedQueryCost", 13);
        ObjectNode status = (ObjectNode) cost.path("throttleStatus");
        status.put("maximumAvailable", 2000.0);
        status.put("currentlyAvailable", 1987);
        status.put("restoreRate", 100.0);
        List<SimulatorClient.Reply> burst = List.of(first, client.post(CHEAP_PAGE), client.post(CHEAP_PAGE));
        for (SimulatorClient.Reply reply : burst) {
            assertEquals(200, reply.status());
            assertTrue(reply.headers().firstValue("Retry-After").isEmpty());
            assertEquals(expected, reply.body());
        }
        assertEquals(before, shop.throttleStatus(), "THROTTLED charges nothing");

        SimulatorClient.Reply after = client.post(CHEAP_PAGE);
        assertEquals(250, after.data().path("products").path("nodes").size());
        SimCounters.Snapshot counters = shop.counters().snapshot();
        assertEquals(3, counters.throttled());
        assertEquals(3, counters.throttledBursts());
        assertEquals(3, counters.injectedFaults());
        assertEquals(2, counters.okResponses());
    }

    @Test
    void everyAnswerReplacingFaultIsCountedAndChargesNothing() {
        ThrottleSnapshot before = shop.throttleStatus();
        shop.faults().respond429Next(1, "9.0").seed(5).rates(FaultRates.none()
                .withHttp429(0.2, "1.0")
                .withHttp5xx(0.2)
                .withDropConnection(0.2)
                .withTruncateBody(0.2)
                .withThrottledBurst(0.2, 2));
        int requests = 60;
        int http429 = 0;
        int http503 = 0;
        int throttled = 0;
        int broken = 0;
        for (int i = 0; i < requests; i++) {
            try {
                SimulatorClient.Reply reply = client.post(CHEAP_PAGE);
                if (reply.status() == 429) {
                    http429++;
                    assertEquals(i == 0 ? "9.0" : "1.0", reply.headers().firstValue("Retry-After").orElseThrow());
                } else if (reply.status() == 503) {
                    http503++;
                } else {
                    assertEquals(200, reply.status());
                    JsonNode body = reply.body();
                    assertNotNull(body);
                    assertEquals("THROTTLED", body.path("errors").get(0).path("extensions").path("code").asText());
                    assertFalse(body.has("data"));
                    throttled++;
                }
            } catch (UncheckedIOException e) {
                broken++;
            }
        }
        assertEquals(before, shop.throttleStatus(), "no fault charged anything");

        SimCounters.Snapshot counters = shop.counters().snapshot();
        assertEquals(requests, counters.requests());
        assertEquals(requests, counters.injectedFaults());
        assertEquals(http429, counters.http429());
        assertEquals(http503, counters.http5xx());
        assertEquals(throttled, counters.throttledBursts());
        assertEquals(throttled, counters.throttled());
        assertEquals(broken, counters.droppedConnections() + counters.truncatedBodies());
        assertTrue(counters.droppedConnections() > 0 && counters.truncatedBodies() > 0, counters.toString());
        assertTrue(http429 > 1 && http503 > 0 && throttled > 0, counters.toString());
        assertEquals(0, counters.okResponses());
        assertEquals(0, counters.requestedCostCharged());
    }

    /**
     * Sends {@code n} requests, many at a time: each one on a kept-alive connection of the JDK 17 server waits about
     * 40 ms for the client's delayed ACK (Nagle), so one at a time 2,000 of them would take over a minute.
     */
    private List<Integer> statuses(int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Callable<Integer>> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                calls.add(() -> client.post("{ shop { id } }").status());
            }
            List<Integer> statuses = new ArrayList<>(n);
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            return statuses;
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
