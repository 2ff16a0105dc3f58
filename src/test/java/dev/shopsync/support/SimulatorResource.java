package dev.shopsync.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import dev.shopsync.simulator.CatalogSpec;
import dev.shopsync.simulator.ShopPlan;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatorOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Shopify simulator on a free port before Quarkus boots and points the configured shops at it:
 * {@link #BIG_SHOP} (3,000 products, some with more than 250 variants, 3,000 customers, 8 locations, 60 collections
 * and 5,000 orders, some with more than 250 line items), {@link #FULL_SHOP} (the same size, for the whole-shop
 * acceptance run only) and {@link #SMALL_SHOP} (300 products, for fault scenarios). Tests get the running simulator through {@link InjectSimulator}.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String BIG_SHOP = "big-test.myshopify.com";
    /** Bulk backfill acceptance: more than 200,000 JSONL lines of products, variants, media, orders and lines. */
    public static final String BULK_SHOP = "bulk-test.myshopify.com";
    /** The planner → SQS → sync-slice path, two shops at once. */
    public static final String PLAN_SHOP_A = "plan-a-test.myshopify.com";
    public static final String PLAN_SHOP_B = "plan-b-test.myshopify.com";
    /** Shops registered in the shop table, their tokens in (stand-ins of) Secrets Manager and SSM. */
    public static final String STORED_SHOP_SM = "stored-sm-test.myshopify.com";
    public static final String STORED_SHOP_SSM = "stored-ssm-test.myshopify.com";
    /** Bulk backfill failure cases, small enough to run each one whole. */
    public static final String BULK_FAULT_SHOP = "bulk-fault-test.myshopify.com";
    public static final String SMALL_SHOP = "small-test.myshopify.com";
    /** A shop tests may break (circuit breaker, fault storms) without disturbing the others. */
    public static final String FLAKY_SHOP = "flaky-test.myshopify.com";
    /** Webhook tests' shop: redacted, uninstalled and erased by them, so no other test uses it. */
    public static final String HOOKS_SHOP = "hooks-test.myshopify.com";
    /** The whole-shop acceptance run's own shop, which no other test edits. */
    public static final String FULL_SHOP = "full-test.myshopify.com";
    /** Trust boundary tests: two configured shops sharing the app secret, and one registered in the shop table. */
    public static final String TRUST_SHOP = "trust-test.myshopify.com";
    public static final String TRUST_OTHER_SHOP = "trust-other-test.myshopify.com";
    public static final String TRUST_STORED_SHOP = "stored-trust-test.myshopify.com";
    /** Lost cursors rebuilt from the offsets committed in PostgreSQL (StreamOffsetRecoveryTest only). */
    public static final String OFFSET_SHOP = "offset-test.myshopify.com";
    /** The read path (ReadHandlerTest only): every resource synced once, then read back through GET routes. */
    public static final String READ_SHOP = "read-test.myshopify.com";
    /** Cached answers and what invalidates them (ReadInvalidationTest only): writes, redactions, an erasure. */
    public static final String CACHE_SHOP = "cache-test.myshopify.com";
    /** TracingTest's. */
    public static final String TRACE_SHOP = "trace-test.myshopify.com";
    public static final String TOKEN = "shpat_test_token";
    /** The app's webhook secret in tests; the small shop signs with a shop secret of its own, mid-rotation. */
    public static final String APP_WEBHOOK_SECRET = "test-app-webhook-secret";
    public static final String SMALL_SHOP_WEBHOOK_SECRET = "small-shop-new-secret";
    public static final String SMALL_SHOP_PREVIOUS_WEBHOOK_SECRET = "small-shop-old-secret";
    /** Fixed so that generated timestamps (and thus checksums) do not depend on when the test runs. */
    public static final Instant CATALOG_BASE = Instant.parse("2026-11-01T00:00:00Z");

    private ShopifySimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = ShopifySimulator.start(SimulatorOptions.defaults()
                .withLatency(Duration.ZERO)
                .withIndexLag(Duration.ofSeconds(1)));
        // Plus: the big shop's tests are about correctness; budget waits are tested on the small one
        simulator.addShop(BIG_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(7L, 3000, CATALOG_BASE, 250)
                .withCustomers(3000).withLocations(8).withCollections(60).withOrders(5000));
        simulator.addShop(FULL_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(17L, 3000, CATALOG_BASE, 250)
                .withCustomers(3000).withLocations(8).withCollections(60).withOrders(5000));
        simulator.addShop(BULK_SHOP, TOKEN, ShopPlan.ENTERPRISE, new CatalogSpec(23L, 15_000, CATALOG_BASE, 600)
                .withCustomers(500).withLocations(3).withOrders(4000));
        simulator.addShop(BULK_FAULT_SHOP, TOKEN, ShopPlan.ENTERPRISE, new CatalogSpec(29L, 600, CATALOG_BASE, 0)
                .withCustomers(100).withLocations(2).withCollections(8).withOrders(300));
        simulator.addShop(PLAN_SHOP_A, TOKEN, ShopPlan.PLUS, new CatalogSpec(31L, 150, CATALOG_BASE, 0)
                .withCustomers(40).withLocations(2).withCollections(3).withOrders(40));
        simulator.addShop(PLAN_SHOP_B, TOKEN, ShopPlan.PLUS, new CatalogSpec(37L, 120, CATALOG_BASE, 0)
                .withCustomers(30).withLocations(3).withCollections(2).withOrders(30));
        simulator.addShop(STORED_SHOP_SM, TOKEN, ShopPlan.PLUS, new CatalogSpec(41L, 60, CATALOG_BASE, 0));
        simulator.addShop(STORED_SHOP_SSM, TOKEN, ShopPlan.PLUS, new CatalogSpec(43L, 40, CATALOG_BASE, 0));
        simulator.addShop(HOOKS_SHOP, TOKEN, ShopPlan.STANDARD, new CatalogSpec(19L, 40, CATALOG_BASE, 0)
                .withCustomers(20).withLocations(2).withOrders(30));
        simulator.addShop(SMALL_SHOP, TOKEN, ShopPlan.STANDARD, new CatalogSpec(11L, 300, CATALOG_BASE, 0)
                .withLocations(5));
        simulator.addShop(FLAKY_SHOP, TOKEN, ShopPlan.STANDARD, new CatalogSpec(13L, 50, CATALOG_BASE, 0));
        simulator.addShop(TRUST_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(47L, 30, CATALOG_BASE, 0)
                .withCustomers(20).withLocations(2).withOrders(20));
        simulator.addShop(TRUST_OTHER_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(53L, 20, CATALOG_BASE, 0)
                .withCustomers(10).withLocations(1).withOrders(10));
        simulator.addShop(TRUST_STORED_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(59L, 60, CATALOG_BASE, 0)
                .withCustomers(30).withLocations(2).withOrders(20));
        simulator.addShop(OFFSET_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(61L, 300, CATALOG_BASE, 0)
                .withCustomers(30).withLocations(2).withOrders(300));
        simulator.addShop(READ_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(67L, 80, CATALOG_BASE, 0)
                .withCustomers(15).withLocations(3).withCollections(4).withOrders(80));
        simulator.addShop(CACHE_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(71L, 40, CATALOG_BASE, 0)
                .withCustomers(10).withLocations(2).withCollections(3).withOrders(30));
        simulator.addShop(TRACE_SHOP, TOKEN, ShopPlan.PLUS, new CatalogSpec(73L, 30, CATALOG_BASE, 0)
                .withCustomers(600).withLocations(2).withOrders(20));
        Map<String, String> config = new HashMap<>();
        shop(config, "big", BIG_SHOP);
        shop(config, "small", SMALL_SHOP);
        shop(config, "full", FULL_SHOP);
        shop(config, "hooks", HOOKS_SHOP);
        shop(config, "bulk", BULK_SHOP);
        shop(config, "bulkfault", BULK_FAULT_SHOP);
        shop(config, "plana", PLAN_SHOP_A);
        shop(config, "planb", PLAN_SHOP_B);
        config.put("shopsync.webhooks.app-secret", APP_WEBHOOK_SECRET);
        config.put("shopsync.shops.small.webhook-secret", SMALL_SHOP_WEBHOOK_SECRET);
        config.put("shopsync.shops.small.webhook-secret-previous", SMALL_SHOP_PREVIOUS_WEBHOOK_SECRET);
        shop(config, "flaky", FLAKY_SHOP);
        shop(config, "trust", TRUST_SHOP);
        shop(config, "trustother", TRUST_OTHER_SHOP);
        shop(config, "offset", OFFSET_SHOP);
        shop(config, "read", READ_SHOP);
        shop(config, "cache", CACHE_SHOP);
        shop(config, "trace", TRACE_SHOP);
        return config;
    }

    private void shop(Map<String, String> config, String name, String domain) {
        config.put("shopsync.shops." + name + ".domain", domain);
        config.put("shopsync.shops." + name + ".base-url", simulator.baseUrl(domain));
        config.put("shopsync.shops." + name + ".access-token", TOKEN);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(simulator,
                new TestInjector.AnnotatedAndMatchesType(InjectSimulator.class, ShopifySimulator.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** Edits happen "a couple of minutes ago", safely before the sync's lag and the index lag. */
    public static Instant recently() {
        return Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    }
}
