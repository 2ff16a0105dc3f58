package dev.shopsync.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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

    private final LifecycleRequests requests;
    private final ShopErasure erasure;
    private final TokenProbe probe;
    private final ShopRegistry registry;
    private final ShopState state;
    private final Set<String> resources = new TreeSet<>();
    private final ComplianceConfig config;

    public LifecyclePass(LifecycleRequests requests, ShopErasure erasure, TokenProbe probe, ShopRegistry registry,
            ShopState state, Instance<ResourceSyncer<?>> syncers, ComplianceConfig config) {
        this.requests = requests;
        this.erasure = erasure;
        this.probe = probe;
        this.registry = registry;
        this.state = state;
        syncers.forEach(syncer -> resources.add(syncer.resource()));
        this.config = config;
    }

    /** The slice's mode: decisions first (in {@link SliceMode#begin}), then one erase chunk per page. */
    SliceMode mode(ShopConnection shop, long shopId, Deadline deadline) {
        return new LifecycleMode(shop, shopId, deadline);
    }

    private final class LifecycleMode extends PositionlessMode {
        private final ShopConnection shop;
        private final long shopId;
        private final Deadline deadline;
        private final Deque<LifecycleRequest> erasing = new ArrayDeque<>();

        LifecycleMode(ShopConnection shop, long shopId, Deadline deadline) {
            this.shop = shop;
            this.shopId = shopId;
            this.deadline = deadline;
        }

        @Override
        public String name() {
            return SliceRequest.LIFECYCLE;
        }

        @Override
        public String stream() {
            return SliceRequest.SHOP + "#" + SliceRequest.LIFECYCLE;
        }

        @Override
        public Start begin() {
            Decision decision = new Decision(shop, shopId, deadline);
            List<LifecycleRequest> open = requests.open(shopId);
            if (open.isEmpty() && !decision.active) {
                decision.probeReinstall();
            }
            for (LifecycleRequest request : open) {
                if (request.pending()) {
                    request = decision.decide(request);
                }
                if (request != null && request.erasing()) {
                    erasing.add(request);
                }
            }
            return erasing.isEmpty() ? Start.done(NONE) : Start.at(NONE, NONE);
        }

        /** One chunk of the shop's rows erased, in its own transaction; the last one forgets the Redis state too. */
        @Override
        public Optional<Page> next(Cursor cursor, Deadline slice) {
            LifecycleRequest request = erasing.peek();
            if (request == null) {
                return Optional.empty();
            }
            if (registry.isActive(shopId)) {
                // reinstalled meanwhile (its row was pointed at a new token): its data is synced again, not erased
                erasing.forEach(r -> requests.refuse(r.id(), "the shop was reinstalled during the erasure"));
                erasing.clear();
                return Optional.empty();
            }
            long began = System.nanoTime();
            int erased = erasure.eraseChunk(shopId, config.eraseChunkRows());
            requests.erased(request.id(), erased);
            if (erased < config.eraseChunkRows()) {
                // nothing left in PostgreSQL: Redis must not remember the shop's streams either
                state.forget(shop.domain(), resources);
                requests.done(request.id());
                LOG.infof("shop %s erased (shop/redact): %d rows", shop.domain(), request.rowsErased() + erased);
                erasing.poll();
            }
            return Optional.of(new Page(NONE, erased, 0, 0, (System.nanoTime() - began) / 1_000_000,
                    erasing.isEmpty()));
        }
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
