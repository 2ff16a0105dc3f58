package dev.shopsync.shopify;

import java.net.URI;
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
        return clients.computeIfAbsent(shop.domain(), domain -> build(shop.baseUri()));
    }

    /**
     * Builds and closes a client that is never used, so that the first real one (and its JSON provider) costs no
     * class loading: priming before a SnapStart snapshot. Opens no connection.
     */
    public void warmUp() {
        AdminGraphQlApi client = build(URI.create("https://priming.invalid"));
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing was opened
            }
        }
    }

    private AdminGraphQlApi build(URI baseUri) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Accept-Encoding: gzip; a 250-product page shrinks about tenfold
                .enableCompression(true)
                // statuses are inspected by GraphQlClient: 429/5xx are retried, not thrown
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(AdminGraphQlApi.class);
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
