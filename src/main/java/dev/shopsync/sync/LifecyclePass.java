package dev.shopsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.shopsync.compliance.ComplianceConfig;
import dev.shopsync.compliance.LifecycleRequest;
import dev.shopsync.compliance.LifecycleRequests;
import dev.shopsync.compliance.ShopErasure;
import dev.shopsync.compliance.TokenProbe;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.ShopState;
import dev.shopsync.time.Deadline;

/**
 * A {@code lifecycle} slice: decides what verified app/uninstalled and shop/redact deliveries asked for, with the
 * only evidence that cannot be replayed, Shopify's answer to the shop's token (this runs in {@code sync-slice},
 * the one function that may read tokens):
 * <ul>
 * <li>uninstall: the token refused (401) → the shop is deactivated; the token accepted → refused, nothing done;</li>
 * <li>redact: honoured for a shop already inactive or whose token is refused, then erased chunk by chunk, each chunk
 * one transaction, over as many slices as it takes; refused for an installed shop;</li>
 * <li>no request, shop inactive: a reinstall probe; the token accepted again → the shop is active again.</li>
 * </ul>
 * No answer either way (the token's secret unreadable, Shopify unreachable) decides nothing: the request stays
 * pending with the reason, and the slice fails so the queue retries it.
 */
@ApplicationScoped
public class LifecyclePass {

    private static final Logger LOG = Logger.getLogger(LifecyclePass.class);
    /** Assumed duration of the first erase chunk, before one has been measured. */
    private static final Duration FIRST_CHUNK_ESTIMATE = Duration.ofSeconds(2);

    private final LifecycleRequests requests;
    private final ShopErasure erasure;
    private final TokenProbe probe;
    private final ShopRegistry registry;
    private final ShopState state;
    private final Set<String> resources = new TreeSet<>();
    private final SliceRuns runs;
    private final ComplianceConfig config;

    public LifecyclePass(LifecycleRequests requests, ShopErasure erasure, TokenProbe probe, ShopRegistry registry,
            ShopState state, Instance<ResourceSyncer<?>> syncers, SliceRuns runs, ComplianceConfig config) {
        this.requests = requests;
        this.erasure = erasure;
        this.probe = probe;
        this.registry = registry;
        this.state = state;
        syncers.forEach(syncer -> resources.add(syncer.resource()));
        this.runs = runs;
        this.config = config;
    }

    SliceResult run(ShopConnection shop, long shopId, int maxPages, Deadline deadline, Instant started) {
        Decision decision = new Decision(shop, shopId, deadline);
        SliceProgress progress = new SliceProgress();
        Cursor none = Cursor.startingAt(null);
        boolean more = false;
        try {
            List<LifecycleRequest> open = requests.open(shopId);
            if (open.isEmpty() && !decision.active) {
                decision.probeReinstall();
            }
            for (LifecycleRequest request : open) {
                if (request.pending()) {
                    request = decision.decide(request);
                }
                if (request != null && request.erasing()) {
                    more |= !erase(shop, shopId, request, maxPages, deadline, progress);
                }
            }
        } catch (RuntimeException e) {
            throw runs.failed(shop, shopId, SliceRequest.SHOP, SliceRequest.LIFECYCLE,
                    SliceRequest.SHOP + "#" + SliceRequest.LIFECYCLE, started, none, null, progress, e);
        }
        SliceOutcome outcome = !more ? SliceOutcome.COMPLETED
                : progress.pages >= maxPages ? SliceOutcome.BUDGET_SPENT : SliceOutcome.DEADLINE;
        SliceResult result = SliceResult.of(shop.domain(), SliceRequest.SHOP, SliceRequest.LIFECYCLE, outcome)
                .progress(progress).hasMore(more).build();
        runs.record(shopId, started, result, none);
        return result;
    }

    /**
     * Erases chunks until the shop has no rows left, the page budget is spent or the deadline is near.
     *
     * @return whether the erasure is done
     */
    private boolean erase(ShopConnection shop, long shopId, LifecycleRequest request, int maxPages,
            Deadline deadline, SliceProgress progress) {
        Duration chunkEstimate = FIRST_CHUNK_ESTIMATE;
        while (progress.pages < maxPages && deadline.allows(chunkEstimate, Duration.ZERO)) {
            if (registry.isActive(shopId)) {
                // reinstalled meanwhile (its row was pointed at a new token): its data is synced again, not erased
                requests.refuse(request.id(), "the shop was reinstalled during the erasure");
                return true;
            }
            long began = System.nanoTime();
            int erased = erasure.eraseChunk(shopId, config.eraseChunkRows());
            requests.erased(request.id(), erased);
            progress.pages++;
            progress.records += erased;
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            chunkEstimate = took.compareTo(chunkEstimate) > 0 || progress.pages == 1 ? took : chunkEstimate;
            if (erased < config.eraseChunkRows()) {
                // nothing left in PostgreSQL: Redis must not remember the shop's streams either
                state.forget(shop.domain(), resources);
                requests.done(request.id());
                LOG.infof("shop %s erased (shop/redact): %d rows", shop.domain(), request.rowsErased() + erased);
                return true;
            }
        }
        return false;
    }

    /** The decisions of one slice, asking Shopify about the token at most once. */
    private final class Decision {
        private final ShopConnection shop;
        private final long shopId;
        private final Deadline deadline;
        private boolean active;
        private TokenProbe.Answer answer;

        Decision(ShopConnection shop, long shopId, Deadline deadline) {
            this.shop = shop;
            this.shopId = shopId;
            this.deadline = deadline;
            this.active = registry.isActive(shopId);
        }

        /** @return the request as it stands after the decision; null when it is closed */
        LifecycleRequest decide(LifecycleRequest request) {
            boolean uninstalled = !active || tokenRefused(request);
            if (LifecycleRequest.UNINSTALL.equals(request.kind())) {
                if (uninstalled) {
                    requests.decide(request.id(), "confirmed");
                } else {
                    requests.refuse(request.id(), "Shopify accepted the shop's token: the app is installed");
                    LOG.warnf("app/uninstalled for %s refused: Shopify accepted its token (a replayed body?)",
                            shop.domain());
                }
                return null;
            }
            if (!uninstalled) {
                requests.refuse(request.id(), "the shop is installed: Shopify accepted its token");
                LOG.warnf("shop/redact for %s refused: the app is installed there", shop.domain());
                return null;
            }
            requests.decide(request.id(), "erasing");
            return new LifecycleRequest(request.id(), request.shopId(), request.kind(), "erasing",
                    request.receivedAt(), request.rowsErased());
        }

        /** An inactive shop with nothing pending: was the app installed again? */
        void probeReinstall() {
            if (ask() == TokenProbe.Answer.ACCEPTED) {
                registry.reactivate(shopId);
                active = true;
                LOG.infof("shop %s is installed again (Shopify accepted its token): synced again", shop.domain());
            }
        }

        private boolean tokenRefused(LifecycleRequest request) {
            try {
                if (ask() == TokenProbe.Answer.REFUSED) {
                    registry.deactivate(shopId);
                    active = false;
                    return true;
                }
                return false;
            } catch (RuntimeException e) {
                requests.postpone(request.id(), "Shopify could not be asked about the token ("
                        + e.getClass().getSimpleName() + ")");
                throw e;
            }
        }

        private TokenProbe.Answer ask() {
            if (answer == null) {
                answer = probe.ask(shop, deadline);
            }
            return answer;
        }
    }
}
