package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The merchant side: edits and deletions of the truth, reproducibly, while requests are being served. */
class SimulatedShopTest {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private ShopifySimulator simulator;

    @BeforeEach
    void start() {
        simulator = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO)
                .withClock(new MutableClock(BASE)));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void editsChangeTitlesVariantsAndTimestamps() {
        SimulatedShop shop = simulator.addShop("edit.myshopify.com", "t", ShopPlan.STANDARD,
                new CatalogSpec(3, 200, BASE, 0));
        Map<Long, ProductTruth> before = new java.util.HashMap<>();
        shop.products().forEach(p -> before.put(p.id(), p));
        Instant at = BASE.plusMillis(1_700);
        List<Long> edited = shop.editProducts(30, at);

        assertEquals(30, new HashSet<>(edited).size());
        assertEquals(edited.stream().sorted().toList(), edited);
        Instant whole = BASE.plusSeconds(1);
        int retitled = 0;
        for (ProductTruth p : shop.products()) {
            ProductTruth old = before.get(p.id());
            if (!edited.contains(p.id())) {
                assertEquals(old, p);
                continue;
            }
            assertEquals(whole, p.updatedAt());
            retitled += p.title().equals(old.title()) ? 0 : 1;
            assertTrue(p.variants().stream().anyMatch(v -> v.updatedAt().equals(whole)));
            assertTrue(!p.variants().isEmpty());
            for (int i = 0; i < p.variants().size(); i++) {
                assertEquals(i + 1, p.variants().get(i).position());
            }
            assertEquals(old.handle(), p.handle());
        }
        assertTrue(retitled >= 25, "retitled " + retitled);
    }

    @Test
    void theSameCallsOnTheSameSpecGiveTheSameTruth() {
        CatalogSpec spec = new CatalogSpec(77, 400, BASE, 50);
        SimulatedShop a = simulator.addShop("a.myshopify.com", "t", ShopPlan.STANDARD, spec);
        SimulatedShop b = simulator.addShop("b.myshopify.com", "t", ShopPlan.STANDARD, spec);
        assertEquals(a.products(), b.products());
        for (SimulatedShop shop : List.of(a, b)) {
            shop.editProducts(40, BASE.plusSeconds(10));
            shop.deleteProducts(7, BASE.plusSeconds(20));
            shop.editProducts(40, BASE.plusSeconds(30));
        }
        assertEquals(a.products(), b.products());
        assertEquals(a.deletions(), b.deletions());
        assertNotEquals(CatalogGenerator.generate(spec).products(), a.products());
    }

    @Test
    void deletedProductsDisappearFromTruthAndApi() {
        SimulatedShop shop = simulator.addShop("del.myshopify.com", "t", ShopPlan.STANDARD,
                new CatalogSpec(4, 100, BASE, 0));
        List<Long> deleted = shop.deleteProducts(10, BASE);
        assertEquals(90, shop.products().size());
        SimulatorClient client = new SimulatorClient(simulator.baseUrl("del.myshopify.com"), "t", "2026-10");
        for (long id : deleted) {
            assertNull(shop.product(id));
            assertEquals(BASE, shop.deletions().get(id));
            assertTrue(client.post("query($id: ID!) { product(id: $id) { id } }", Map.of("id", ProductTruth.gidOf(id)))
                    .data().path("product").isNull());
        }
        JsonNode page = client.post("{ products(first: 250) { nodes { id } } }").data().path("products");
        assertEquals(90, page.path("nodes").size());
        assertEquals(90, client.post("{ productsCount { count } }").data().path("productsCount").path("count")
                .asInt());
    }

    @Test
    void concurrentRequestsAndEditsKeepTheBucketConsistent() throws Exception {
        SimulatedShop shop = simulator.addShop("busy.myshopify.com", "t", ShopPlan.PLUS,
                new CatalogSpec(8, 1_000, BASE, 0));
        SimulatorClient client = new SimulatorClient(simulator.baseUrl("busy.myshopify.com"), "t", "2026-10");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                calls.add(() -> {
                    if (n % 8 == 0) {
                        shop.editProducts(5, BASE.plusSeconds(n));
                    }
                    return client.post("{ products(first: 100, sortKey: UPDATED_AT) { nodes { id variants(first: 5)"
                            + " { nodes { id price } } } } }").status();
                });
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        SimCounters.Snapshot counters = shop.counters().snapshot();
        assertEquals(64, counters.requests());
        assertEquals(64, counters.okResponses());
        assertTrue(counters.actualCostCharged() <= counters.requestedCostCharged());
        // The clock stood still: the bucket lost exactly what was charged.
        assertEquals(20_000 - counters.actualCostCharged(), shop.throttleStatus().currentlyAvailable(), 1e-9);
    }
}
