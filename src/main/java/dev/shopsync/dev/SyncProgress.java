package dev.shopsync.dev;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;

import dev.shopsync.persistence.ProductEntity;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocument;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.time.Deadline;

/**
 * Progress of a long sync as a person wants to read it: share of the shop's products stored, records per
 * second and cost spent. The total comes from Shopify's {@code productsCount} (1 point per call).
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class SyncProgress {

    private static final Logger LOG = Logger.getLogger(SyncProgress.class);

    private final GraphQlClient client;
    private final GraphQlDocument productsCount;
    private final ShopRegistry registry;
    private final Clock clock;

    public SyncProgress(GraphQlClient client, GraphQlDocuments documents, ShopRegistry registry, Clock clock) {
        this.client = client;
        this.productsCount = documents.get("ProductsCount");
        this.registry = registry;
        this.clock = clock;
    }

    @ActivateRequestContext
    public void log(ShopConnection shop, String resource, int records, int cost, Duration elapsed) {
        long stored = ProductEntity.count("shopId = ?1 and deletedAt is null", registry.idOf(shop));
        long total = shopifyTotal(shop);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        String share = total > 0 ? String.format("%.1f%%", Math.min(100.0, 100.0 * stored / total)) : "?";
        LOG.infof("%s/%s: %s done (%d of %d stored), %d records this pass, %.0f records/s, cost %d points",
                shop.domain(), resource, share, stored, total, records, records / seconds, cost);
    }

    private long shopifyTotal(ShopConnection shop) {
        try {
            Map<String, Object> variables = new HashMap<>();
            variables.put("query", null);
            return client.execute(shop, productsCount, variables, Deadline.after(Duration.ofSeconds(10), clock))
                    .data().path("productsCount").path("count").asLong(-1);
        } catch (RuntimeException e) {
            // Progress is informative only; never let it fail a sync.
            return -1;
        }
    }
}
