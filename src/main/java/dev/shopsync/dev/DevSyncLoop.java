package dev.shopsync.dev;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.sync.SliceEngine;
import dev.shopsync.sync.SliceOutcome;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;
import dev.shopsync.observability.SyncProgress;
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

    private final SliceEngine engine;
    private final ShopDirectory directory;
    private final SyncProgress progress;
    private final DevConfig config;
    private final Clock clock;
    private ExecutorService worker;
    private volatile boolean running;

    public DevSyncLoop(SliceEngine engine, ShopDirectory directory, SyncProgress progress, DevConfig config,
            Clock clock) {
        this.engine = engine;
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

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    private void loop() {
        Map<String, Pass> passes = new HashMap<>();
        while (running) {
            boolean anyMore = false;
            for (ShopConnection shop : directory.all()) {
                Pass pass = passes.computeIfAbsent(shop.domain(), d -> new Pass(clock.instant()));
                try {
                    SliceResult result = engine.run(new SliceRequest(shop.domain(), ProductSyncer.RESOURCE,
                            PAGES_PER_SLICE, null), Optional.empty());
                    pass.add(result);
                    if (result.records() > 0) {
                        progress.log(shop, ProductSyncer.RESOURCE, pass.records, pass.cost, pass.elapsed(clock));
                    }
                    if (result.hasMore() && result.outcome() != SliceOutcome.LOCKED) {
                        anyMore = true;
                    } else {
                        if (pass.records > 0) {
                            LOG.infof("%s/products up to date: %d records in %d pages, %.1f s, cost %d points, "
                                    + "throttled %d ms", shop.domain(), pass.records, pass.pages,
                                    pass.elapsed(clock).toMillis() / 1000.0, pass.cost, pass.throttledMs);
                        }
                        passes.remove(shop.domain());
                    }
                } catch (RuntimeException e) {
                    LOG.errorf("%s/products: %s (retrying after the poll interval)", shop.domain(), e.getMessage());
                    passes.remove(shop.domain());
                }
            }
            if (!anyMore && !pause(config.pollInterval())) {
                return;
            }
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
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
