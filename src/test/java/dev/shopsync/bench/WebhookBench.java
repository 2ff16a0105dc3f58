package dev.shopsync.bench;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.HOOKS_SHOP;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The webhook handler on the JVM against the local PostgreSQL and Redis, offered a fixed 200 deliveries a second
 * for 60 s (open loop: each delivery is due at its own instant, and its latency counts from then, so a slow
 * answer cannot hide the ones queued behind it). The mix: product and customer updates written from their
 * payloads, order and inventory-level updates queued for a refresh, product deletions; 10% are replays of
 * earlier deliveries, 5% forgeries (a tampered byte or a wrong secret). Run with
 * {@code ./mvnw -B verify -Pbench -Dbench=webhook}.
 */
@QuarkusTest
@ExtendWith(FlightRecording.class)
@TestProfile(BenchProfile.class)
@WithTestResource(SimulatorResource.class)
@Tag("webhook")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookBench {

    private static final int RATE = Integer.getInteger("bench.webhook.rate", 200);
    private static final int SECONDS = Integer.getInteger("bench.webhook.seconds", 60);
    private static final long FIRST_ID = 9_900_000_000_000_000L;
    private static final Instant BASE = Instant.parse("2026-11-28T00:00:00Z");

    @Inject
    WebhookHandler handler;

    @Inject
    TestData data;

    @Inject
    ObjectMapper json;

    private final SplittableRandom random = new SplittableRandom(2026);

    @Test
    void webhook() throws Exception {
        data.reset(HOOKS_SHOP);
        data.execute("UPDATE shop SET active = true WHERE id = ?", data.shopId(HOOKS_SHOP));
        Templates templates = new Templates(json);
        // warm-up: JIT, connection pool, Redis connections
        for (int i = 0; i < 300; i++) {
            handler.handleRequest(templates.next(i, random).delivery().event(), null);
        }

        int total = RATE * SECONDS;
        long[] latencies = new long[total];
        boolean[] forged = new boolean[total];
        boolean[] replayed = new boolean[total];
        int[] status = new int[total];
        ConcurrentLinkedQueue<SignedWebhook> answered = new ConcurrentLinkedQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(32);
        AtomicLong done = new AtomicLong();
        long intervalNanos = 1_000_000_000L / RATE;
        long start = System.nanoTime() + 50_000_000L;
        for (int k = 0; k < total; k++) {
            Planned planned = plan(k, templates, answered);
            forged[k] = planned.forged();
            replayed[k] = planned.replay();
            long due = start + k * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = k;
            workers.execute(() -> {
                Map<String, Object> response = handler.handleRequest(planned.delivery().event(), null);
                latencies[index] = System.nanoTime() - due;
                status[index] = (Integer) response.get("statusCode");
                if (!planned.forged() && status[index] == 200) {
                    answered.add(planned.delivery());
                }
                done.incrementAndGet();
            });
            if (k > 0 && k % (RATE * 10) == 0) {
                System.out.printf("bench webhook: %d of %d deliveries offered, %d answered%n", k, total, done.get());
            }
        }
        workers.shutdown();
        workers.awaitTermination(2, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;

        long errors = 0;
        long forgedAccepted = 0;
        long forgedCount = 0;
        long replays = 0;
        for (int k = 0; k < total; k++) {
            replays += replayed[k] ? 1 : 0;
            if (forged[k]) {
                forgedCount++;
                forgedAccepted += status[k] == 401 ? 0 : 1;
            } else if (status[k] != 200) {
                errors++;
            }
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rps", round(total / elapsed));
        result.put("target_rps", RATE);
        result.put("p50_ms", round(percentile(sorted, 0.50)));
        result.put("p95_ms", round(percentile(sorted, 0.95)));
        result.put("p99_ms", round(percentile(sorted, 0.99)));
        result.put("max_ms", round(sorted[sorted.length - 1] / 1e6));
        result.put("p99_vs_50ms_target", round(percentile(sorted, 0.99) / 50.0));
        result.put("errors", errors);
        result.put("forged_accepted", forgedAccepted);
        result.put("deliveries", total);
        result.put("forged", forgedCount);
        result.put("replays", replays);
        result.put("seconds", SECONDS);
        BenchReport.publish(json, "webhook", result);
        data.reset(HOOKS_SHOP);
    }

    private record Planned(SignedWebhook delivery, boolean forged, boolean replay) {

        Planned(SignedWebhook delivery, boolean forged) {
            this(delivery, forged, false);
        }
    }

    /** 5% forged, 10% a replay of an answered delivery, the rest new deliveries of the mixed topics. */
    private Planned plan(int k, Templates templates, ConcurrentLinkedQueue<SignedWebhook> answered) {
        double dice = random.nextDouble();
        if (dice < 0.05) {
            SignedWebhook delivery = templates.next(k, random).delivery();
            return new Planned(random.nextBoolean() ? delivery.tampered()
                    : SignedWebhook.of(HOOKS_SHOP, "products/update", SignedWebhook.fixture("products/update"),
                            "a guessed secret"), true);
        }
        if (dice < 0.15) {
            SignedWebhook replay = answered.poll();
            if (replay != null) {
                return new Planned(replay, false, true);
            }
        }
        return templates.next(k, random);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** The sample payloads, re-numbered per delivery so writes land on many rows. */
    private static final class Templates {
        private final ObjectNode product;
        private final ObjectNode customer;
        private final ObjectNode order;
        private final ObjectNode level;

        Templates(ObjectMapper json) throws Exception {
            product = (ObjectNode) json.readTree(SignedWebhook.fixture("products/update"));
            product.remove("variant_gids");
            customer = (ObjectNode) json.readTree(SignedWebhook.fixture("customers/update"));
            order = (ObjectNode) json.readTree(SignedWebhook.fixture("orders/updated"));
            level = (ObjectNode) json.readTree(SignedWebhook.fixture("inventory_levels/update"));
        }

        Planned next(int k, SplittableRandom random) {
            long id = FIRST_ID + random.nextInt(5_000);
            String updatedAt = BASE.plusSeconds(k).toString();
            double topic = random.nextDouble();
            if (topic < 0.35) {
                ObjectNode p = product.deepCopy();
                p.put("id", id).put("admin_graphql_api_id", "gid://shopify/Product/" + id).put("updated_at", updatedAt);
                int v = 0;
                for (JsonNode variant : p.withArray("variants")) {
                    long variantId = id * 4 % 1_000_000_000_000L + FIRST_ID + (v++);
                    ((ObjectNode) variant).put("id", variantId)
                            .put("admin_graphql_api_id", "gid://shopify/ProductVariant/" + variantId);
                }
                return signed("products/update", p);
            }
            if (topic < 0.6) {
                ObjectNode c = customer.deepCopy();
                c.put("id", id).put("admin_graphql_api_id", "gid://shopify/Customer/" + id).put("updated_at", updatedAt)
                        .put("email", "buyer" + id + "@example.com");
                return signed("customers/update", c);
            }
            if (topic < 0.8) {
                ObjectNode o = order.deepCopy();
                o.put("id", id).put("admin_graphql_api_id", "gid://shopify/Order/" + id).put("updated_at", updatedAt);
                return signed("orders/updated", o);
            }
            if (topic < 0.95) {
                ObjectNode l = level.deepCopy();
                l.put("inventory_item_id", id).put("updated_at", updatedAt);
                return signed("inventory_levels/update", l);
            }
            return signed("products/delete", json(id));
        }

        private static ObjectNode json(long id) {
            ObjectNode delete = new ObjectMapper().createObjectNode();
            delete.put("id", id);
            return delete;
        }

        private static Planned signed(String topic, ObjectNode payload) {
            return new Planned(SignedWebhook.of(HOOKS_SHOP, topic, payload.toString(), APP_WEBHOOK_SECRET), false);
        }
    }
}
