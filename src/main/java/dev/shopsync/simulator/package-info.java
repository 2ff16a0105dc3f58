/**
 * A local Shopify Admin GraphQL API for tests, {@code quarkus:dev} and benchmarks.
 *
 * <pre>{@code
 * try (ShopifySimulator shopify = ShopifySimulator.start(SimulatorOptions.defaults().withLatency(Duration.ZERO))) {
 *     SimulatedShop shop = shopify.addShop("alpha.myshopify.com", "shpat_test", ShopPlan.STANDARD,
 *             new CatalogSpec(42, 3_000, Instant.parse("2026-01-01T00:00:00Z"), 100)
 *                     .withCustomers(2_000).withLocations(8).withCollections(50));
 *     String endpoint = shopify.baseUrl("alpha.myshopify.com") + "/admin/api/2026-10/graphql.json";
 *     shop.faults().seed(7).rates(FaultRates.none().withHttp5xx(0.05).withDropConnection(0.01));
 *     // ... run the sync against endpoint, then compare with shop.products(), customers(), locations(),
 *     // collections(), inventoryItems(), counters()
 *     // Bulk operations: bulkOperationRunQuery on the same endpoint; results at
 *     // http://127.0.0.1:<port>/bulk-results/<token>.jsonl. Faults and truth:
 *     shop.bulkOperations().timing(Duration.ofMillis(200), 50_000);
 *     shop.bulkOperations().failNext(0.5, "INTERNAL_SERVER_ERROR");
 *     // ... then shop.bulkOperations().all(), started(), rejected()
 * }
 * }</pre>
 *
 * <p>Plain Java on purpose (no CDI, no Quarkus API): graphql-java is a {@code provided} dependency, so nothing here
 * may be reachable from production code paths.
 */
package dev.shopsync.simulator;
