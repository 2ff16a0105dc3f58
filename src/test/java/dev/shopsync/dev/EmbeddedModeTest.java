package dev.shopsync.dev;

import static dev.shopsync.support.SimulatorResource.HOOKS_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The embedded mode, forced while the machine's own PostgreSQL and Redis run: the application gets a real
 * PostgreSQL and a real Redis of its own on other ports, migrates, and syncs a shop to the simulator's truth.
 */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Forced.class)
@WithTestResource(SimulatorResource.class)
class EmbeddedModeTest {

    /** Forces the embedded servers over the URLs CI exports. */
    public static class Forced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopsync.dev.embedded", "true");
        }
    }

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    WebhookHandler webhooks;

    @Test
    void aShopSyncsIntoTheEmbeddedServers() throws Exception {
        String jdbcUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String redisHosts = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class);
        assertTrue(jdbcUrl.startsWith("jdbc:postgresql://localhost:"), jdbcUrl);
        assertFalse(jdbcUrl.contains(":5432/"), "not the machine's PostgreSQL: " + jdbcUrl);
        assertTrue(redisHosts.startsWith("redis://127.0.0.1:") && !redisHosts.endsWith(":6379"), redisHosts);
        assertTrue(data.text("SELECT version()").startsWith("PostgreSQL 17."), "zonky's PostgreSQL 17");

        data.reset(HOOKS_SHOP);
        data.deleteRedisKeys(HOOKS_SHOP);
        SliceInvoker.runToEnd(HOOKS_SHOP, "products", null, 50);
        assertEquals(TestData.truthChecksums(simulator.shop(HOOKS_SHOP)), data.databaseChecksums(HOOKS_SHOP));
        assertEquals(migrations(), data.count("SELECT count(*) FROM flyway_schema_history WHERE success"),
                "every migration applied");

        // webhook deduplication works on the embedded Redis (6.2) too
        SignedWebhook delivery = SignedWebhook.of(HOOKS_SHOP, "products/update",
                SignedWebhook.fixture("products/update"), SimulatorResource.APP_WEBHOOK_SECRET);
        Map<String, Object> first = webhooks.handleRequest(delivery.event(), null);
        Map<String, Object> replay = webhooks.handleRequest(delivery.event(), null);
        assertEquals(200, first.get("statusCode"));
        assertEquals(200, replay.get("statusCode"));
        assertTrue(String.valueOf(replay.get("body")).contains("duplicate"), String.valueOf(replay.get("body")));
    }

    /** The migrations the build ships, counted from the classpath, not from memory. */
    private static long migrations() throws Exception {
        java.nio.file.Path folder = java.nio.file.Path.of(EmbeddedModeTest.class.getClassLoader()
                .getResource("db/migration").toURI());
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
