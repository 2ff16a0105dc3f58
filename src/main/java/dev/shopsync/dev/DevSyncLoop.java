package dev.shopsync.dev;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.sync.SliceEngine;
import dev.shopsync.sync.SliceOutcome;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;
import dev.shopsync.sync.collection.CollectionSyncer;
import dev.shopsync.sync.customer.CustomerSyncer;
import dev.shopsync.sync.inventory.InventorySyncer;
import dev.shopsync.sync.location.LocationSyncer;
import dev.shopsync.sync.order.OrderSyncer;
import dev.shopsync.sync.product.ProductSyncer;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode's stand-in for EventBridge + SQS: runs slices back to back while a shop has more, then waits
 * {@code shopsync.dev.poll-interval}; logs progress (% done, records/s, cost) and a summary per pass.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevSyncLoop {

    private static final Logger LOG = Logger.getLogger(DevSyncLoop.class);
    /** Small slices, so that progress shows every few pages during the first full sync. */
    private static final int PAGES_PER_SLICE = 3;
    /** How long a stop waits for the slice in progress (three pages, each at most a few seconds). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final List<String> RESOURCES = List.of(ProductSyncer.RESOURCE, CustomerSyncer.RESOURCE,
            LocationSyncer.RESOURCE, CollectionSyncer.RESOURCE, InventorySyncer.RESOURCE, OrderSyncer.RESOURCE);
    /** Resources whose deletions Shopify's event log records (the rest wait for reconciliation). */
    private static final List<String> WITH_DESTROY_EVENTS = List.of(ProductSyncer.RESOURCE,
            CollectionSyncer.RESOURCE, OrderSyncer.RESOURCE);

    private final SliceEngine engine;
    private final ShopDirectory directory;
    private final SyncProgress progress;
    private final DevConfig config;
    private final Clock clock;
    private final RefreshQueue refreshQueue;
    private ExecutorService worker;
    private volatile boolean running;
    /** Ends the pause between passes at once when dev mode stops. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    public DevSyncLoop(SliceEngine engine, ShopDirectory directory, SyncProgress progress, DevConfig config,
            Clock clock, RefreshQueue refreshQueue) {
        this.engine = engine;
        this.refreshQueue = refreshQueue;
        this.directory = directory;
        this.progress = progress;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes @Priority(200) StartupEvent event) {
        if (directory.isEmpty()) {
            return;
        }
        running = true;
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "dev-sync-loop"));
        worker.submit(this::loop);
    }

    /**
     * Lets the slice in progress finish (its pages are few and bounded) before the datasource and Redis close:
     * interrupting it would print a failed slice and connection errors on every stop of dev mode.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopping.countDown();
        if (worker == null) {
            return;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.infof("the current slice did not end within %d s: stopping it", STOP_WAIT.toSeconds());
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        Map<String, Pass> passes = new HashMap<>();
        while (running) {
            boolean anyMore = false;
            for (ShopConnection shop : directory.all()) {
                for (String resource : RESOURCES) {
                    anyMore |= slice(shop, resource, null, passes);
                    if (refreshQueue.size(shop.domain(), resource) > 0) {
                        anyMore |= slice(shop, resource, SliceRequest.REFRESH, passes);
                    }
                    if (WITH_DESTROY_EVENTS.contains(resource)) {
                        anyMore |= slice(shop, resource, SliceRequest.DELETIONS, passes);
                    }
                }
            }
            if (!anyMore && !pause(config.pollInterval())) {
                return;
            }
        }
    }

    /** One slice; true when the stream has more right away. */
    private boolean slice(ShopConnection shop, String resource, String mode, Map<String, Pass> passes) {
        if (!running) {
            return false;
        }
        String stream = shop.domain() + "/" + resource + (mode == null ? "" : " " + mode);
        Pass pass = passes.computeIfAbsent(stream, d -> new Pass(clock.instant()));
        try {
            SliceResult result = engine.run(new SliceRequest(shop.domain(), resource, PAGES_PER_SLICE, null, null,
                    null, mode), Optional.empty());
            pass.add(result);
            if (result.records() > 0 && mode == null && ProductSyncer.RESOURCE.equals(resource)) {
                progress.log(shop, resource, pass.records, pass.cost, pass.elapsed(clock));
            }
            if (result.hasMore() && result.outcome() != SliceOutcome.LOCKED) {
                return true;
            }
            if (pass.records > 0) {
                LOG.infof("%s up to date: %d records in %d pages, %.1f s, cost %d points, throttled %d ms", stream,
                        pass.records, pass.pages, pass.elapsed(clock).toMillis() / 1000.0, pass.cost,
                        pass.throttledMs);
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.errorf("%s: %s (retrying after the poll interval)", stream, e.getMessage());
            } else {
                // Ctrl+C reaches the embedded PostgreSQL and Redis at the same moment as this JVM
                LOG.infof("%s: cut short by the stop; the next run resumes after its last committed page", stream);
            }
        }
        passes.remove(stream);
        return false;
    }

    private boolean pause(Duration duration) {
        try {
            return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS) && running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Totals of one catch-up pass over a shop. */
    private static final class Pass {
        final Instant started;
        int records;
        int pages;
        int cost;
        long throttledMs;

        Pass(Instant started) {
            this.started = started;
        }

        void add(SliceResult result) {
            records += result.records();
            pages += result.pages();
            cost += result.costSpent();
            throttledMs += result.throttledMs();
        }

        Duration elapsed(Clock clock) {
            return Duration.between(started, clock.instant());
        }
    }
}
