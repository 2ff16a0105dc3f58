package dev.shopsync.shopify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.shop.ShopConnection;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * One REST client per shop, kept for the life of the (warm) Lambda container so its connections are reused.
 */
@ApplicationScoped
public class ShopifyClients {

    private final ShopifyClientConfig config;
    private final Map<String, AdminGraphQlApi> clients = new ConcurrentHashMap<>();

    public ShopifyClients(ShopifyClientConfig config) {
        this.config = config;
    }

    public AdminGraphQlApi forShop(ShopConnection shop) {
        return clients.computeIfAbsent(shop.domain(), domain -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(shop.baseUri())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Accept-Encoding: gzip; a 250-product page shrinks about tenfold
                .enableCompression(true)
                // statuses are inspected by GraphQlClient: 429/5xx are retried, not thrown
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(AdminGraphQlApi.class));
    }

    @PreDestroy
    void close() {
        clients.values().forEach(client -> {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing at shutdown: nothing left to do with a failure
                }
            }
        });
        clients.clear();
    }
}
