package dev.shopsync.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import graphql.schema.GraphQLSchema;

/**
 * A local stand-in for Shopify's Admin GraphQL API, serving any number of shops over HTTP on 127.0.0.1: the real
 * 2026-10 schema, real query costs and a per-shop leaky bucket, search filters with Shopify's quirks (inclusive
 * {@code >}, a lagging index), ids above 2^53, and injectable faults (queued 429/5xx, or by rate: 429, 5xx, slow
 * answers, dropped connections, truncated bodies, THROTTLED bursts; see {@link FaultPlan}), and bulk query
 * operations whose JSONL results it serves itself under {@code /bulk-results/} (see {@link SimulatedBulkOperations}).
 *
 * <p>Test and dev support only: plain Java, no CDI, nothing starts unless {@link #start} is called.
 */
public final class ShopifySimulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final Map<String, SimulatedShop> shops = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;
    private final BulkResultFiles bulkResults;

    private ShopifySimulator(SimulatorOptions options) {
        this.options = options;
        GraphQLSchema schema = AdminSchema.load(options.schemaFile());
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Shopify simulator to port " + options.port(), e);
        }
        // Requests sleep through their latency, so concurrency needs threads, not a small fixed pool.
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "shopify-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/shops/", new GraphQlEndpoint(shops::get, options.latency(), schema));
        bulkResults = new BulkResultFiles("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext(BulkResultFiles.PATH, new BulkResultEndpoint(bulkResults));
        server.setExecutor(executor);
        server.start();
    }

    public static ShopifySimulator start(SimulatorOptions options) {
        return new ShopifySimulator(Objects.requireNonNull(options, "options"));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Clients POST to {@code baseUrl(domain) + "/admin/api/<version>/graphql.json"}. */
    public String baseUrl(String shopDomain) {
        return "http://127.0.0.1:" + port() + "/shops/" + shopDomain;
    }

    /** Adds a shop with a freshly generated catalog; the domain must be new. */
    public SimulatedShop addShop(String domain, String accessToken, ShopPlan plan, CatalogSpec catalog) {
        SimulatedShop shop = new SimulatedShop(domain, accessToken, plan, catalog, options.clock(),
                options.indexLag(), bulkResults);
        if (shops.putIfAbsent(domain, shop) != null) {
            throw new IllegalArgumentException("shop already exists: " + domain);
        }
        return shop;
    }

    /** @throws IllegalArgumentException when no such shop was added */
    public SimulatedShop shop(String domain) {
        SimulatedShop shop = shops.get(domain);
        if (shop == null) {
            throw new IllegalArgumentException("no such shop: " + domain);
        }
        return shop;
    }

    public SimulatorOptions options() {
        return options;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        bulkResults.close();
    }
}
