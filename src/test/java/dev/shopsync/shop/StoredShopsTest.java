package dev.shopsync.shop;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.STORED_SHOP_SM;
import static dev.shopsync.support.SimulatorResource.STORED_SHOP_SSM;
import static dev.shopsync.support.SimulatorResource.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.support.FakeAwsSecrets;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Shops registered in the {@code shop} table, not in the configuration: their tokens come from Secrets Manager or
 * SSM (local stand-ins), are read once per TTL, and a bad secret fails the slice with a message that names the
 * secret but never shows it.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@WithTestResource(FakeAwsSecrets.class)
class StoredShopsTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    ShopDirectory shops;

    @Inject
    WebhookHandler webhooks;

    @Inject
    StoredShops stored;

    private static final String OWN_WEBHOOK_SECRET = "stored-shop-own-webhook-secret";

    @Test
    void registeredShopsSyncWithTokensFromTheirSecretStores() {
        FakeAwsSecrets.SECRETS.put("shopify-sync/tokens/" + STORED_SHOP_SM, "{\"accessToken\":\"" + TOKEN + "\"}");
        FakeAwsSecrets.SECRETS.put("shopify-sync/webhooks/" + STORED_SHOP_SM, "{\"webhookSecret\":\""
                + OWN_WEBHOOK_SECRET + "\"}");
        FakeAwsSecrets.PARAMETERS.put("/shopify-sync/tokens/" + STORED_SHOP_SSM, TOKEN);
        register(STORED_SHOP_SM, "secretsmanager", "shopify-sync/tokens/" + STORED_SHOP_SM);
        data.execute("UPDATE shop SET webhook_secret_source = 'secretsmanager', webhook_secret_id = ? WHERE domain = ?",
                "shopify-sync/webhooks/" + STORED_SHOP_SM, STORED_SHOP_SM);
        stored.all(true);
        register(STORED_SHOP_SSM, "ssm", "/shopify-sync/tokens/" + STORED_SHOP_SSM);
        int readsBefore = FakeAwsSecrets.READS.get();

        for (String shop : new String[] {STORED_SHOP_SM, STORED_SHOP_SSM}) {
            data.reset(shop);
            data.deleteRedisKeys(shop);
            SliceInvoker.runToEnd(shop, "products", null, 50);
            SliceInvoker.runToEnd(shop, "products", null, 50);
            assertEquals(TestData.truthChecksums(simulator.shop(shop)), data.databaseChecksums(shop), shop);
        }
        // one read per shop: the token is kept for the TTL across invocations
        assertEquals(2, FakeAwsSecrets.READS.get() - readsBefore);
        assertTrue(shops.knows(STORED_SHOP_SSM));
        assertTrue(shops.all().stream().anyMatch(c -> c.domain().equals(STORED_SHOP_SM)));

        // webhooks: a shop with a webhook secret of its own is verified with it, not the app's, and the webhook
        // path reads that secret only, never a token
        int readBefore = FakeAwsSecrets.READ_IDS.size();
        String body = SignedWebhook.fixture("products/update");
        assertEquals(200, webhooks.handleRequest(SignedWebhook.of(STORED_SHOP_SM, "products/update", body,
                OWN_WEBHOOK_SECRET).event(), null).get("statusCode"));
        assertEquals(401, webhooks.handleRequest(SignedWebhook.of(STORED_SHOP_SM, "products/update", body,
                APP_WEBHOOK_SECRET).event(), null).get("statusCode"));
        assertEquals(200, webhooks.handleRequest(SignedWebhook.of(STORED_SHOP_SSM, "products/update", body,
                APP_WEBHOOK_SECRET).event(), null).get("statusCode"));
        assertEquals(List.of("shopify-sync/webhooks/" + STORED_SHOP_SM), FakeAwsSecrets.READ_IDS.subList(readBefore,
                FakeAwsSecrets.READ_IDS.size()).stream().distinct().toList());
    }

    @Test
    void aSecretWithoutATokenFailsTheSliceWithoutShowingIt() {
        String domain = "stored-broken-test.myshopify.com";
        FakeAwsSecrets.SECRETS.put("shopify-sync/tokens/" + domain, "{\"token\":\"shpat_not_where_expected\"}");
        register(domain, "secretsmanager", "shopify-sync/tokens/" + domain);

        Response response = SliceInvoker.invokeRaw(Map.of("shop", domain, "resource", "products"));

        assertNotEquals(200, response.statusCode());
        String body = response.asString();
        assertTrue(body.contains("shop " + domain + ": secret 'shopify-sync/tokens/" + domain
                + "' is not a JSON object with a non-blank \\\"accessToken\\\""), body);
        assertFalse(body.contains("shpat_not_where_expected"), body);
        data.execute("UPDATE shop SET active = false WHERE domain = ?", domain);
    }

    /** Other test classes run without the secret stand-ins: the registered shops must not outlive this class. */
    @AfterEach
    void unregister() {
        data.execute("UPDATE shop SET active = false, secret_source = NULL, secret_id = NULL, "
                + "webhook_secret_source = NULL, webhook_secret_id = NULL WHERE domain LIKE 'stored-%-test.myshopify.com'");
        stored.all(true);
    }

    private void register(String domain, String source, String secretId) {
        data.execute("INSERT INTO shop (domain, api_version, secret_source, secret_id, base_url) VALUES (?, '2026-10', "
                + "?, ?, ?) ON CONFLICT (domain) DO UPDATE SET secret_source = excluded.secret_source, "
                + "secret_id = excluded.secret_id, base_url = excluded.base_url, active = true", domain, source,
                secretId, simulator.baseUrl(domain));
        // registered a moment ago: the cached list must not keep an older row of it
        stored.all(true);
    }
}
