package dev.shopsync.dev;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.shopsync.shop.AccessToken;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.simulator.CatalogSpec;
import dev.shopsync.simulator.ShopPlan;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.simulator.SimulatorOptions;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * In {@code quarkus:dev} with no shop configured, starts the Shopify simulator with a seeded catalog, registers
 * it as a shop, and lets its merchant edit a few products every minute. Never part of a production build.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevSimulatedShop {

    private static final Logger LOG = Logger.getLogger(DevSimulatedShop.class);
    /** Not a secret: the simulator accepts exactly this token. */
    private static final String SIMULATOR_TOKEN = "shpat_dev_simulator";

    private final DevConfig config;
    private final ShopDirectory directory;
    private final Clock clock;
    private ShopifySimulator simulator;
    private ScheduledExecutorService merchant;

    public DevSimulatedShop(DevConfig config, ShopDirectory directory, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.clock = clock;
    }

    void start(@Observes @Priority(100) StartupEvent event) {
        DevConfig.Simulator sim = config.simulator();
        if (!directory.isEmpty()) {
            LOG.infof("dev mode: syncing the configured shop(s) %s; simulator not started",
                    directory.all().stream().map(ShopConnection::domain).toList());
            return;
        }
        if (!sim.enabled()) {
            LOG.warn("dev mode: no shop configured and shopsync.dev.simulator.enabled=false: nothing to sync");
            return;
        }
        simulator = ShopifySimulator.start(SimulatorOptions.defaults()
                .withLatency(sim.latency())
                .withIndexLag(sim.indexLag())
                .withPort(sim.port()));
        SimulatedShop shop = simulator.addShop(sim.domain(), SIMULATOR_TOKEN,
                ShopPlan.custom(sim.bucketSize(), sim.restoreRate()),
                new CatalogSpec(sim.seed(), sim.products(), clock.instant().truncatedTo(ChronoUnit.HOURS),
                        sim.largeProductEvery()).withCustomers(sim.customers()).withLocations(sim.locations())
                        .withCollections(sim.collections()).withOrders(sim.orders()));
        directory.register(new ShopConnection(sim.domain(), "2026-10", URI.create(simulator.baseUrl(sim.domain())),
                new AccessToken(SIMULATOR_TOKEN)));
        LOG.infof("dev mode: simulated shop %s with %d products, %d customers, %d locations, %d orders at %s "
                + "(latency %d ms, bucket %.0f/%.0f per s)", sim.domain(), shop.products().size(),
                shop.customers().size(), shop.locations().size(), shop.orders().size(),
                simulator.baseUrl(sim.domain()),
                sim.latency().toMillis(), sim.bucketSize(), sim.restoreRate());
        if (sim.editsPerMinute() > 0) {
            merchant = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dev-merchant"));
            merchant.scheduleAtFixedRate(() -> {
                try {
                    shop.editProducts(sim.editsPerMinute(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
                    shop.editCustomers(sim.editsPerMinute(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
                    shop.editOrders(sim.editsPerMinute(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
                } catch (RuntimeException e) {
                    LOG.warn("dev mode: simulated edits failed", e);
                }
            }, 1, 1, TimeUnit.MINUTES);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (merchant != null) {
            merchant.shutdownNow();
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
