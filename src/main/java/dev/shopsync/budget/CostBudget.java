package dev.shopsync.budget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.time.Deadline;
import dev.shopsync.time.Pause;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * One cost bucket per shop in Redis, shared by every invocation that talks to the shop, so that together they
 * behave as one polite client. Before a request its requested cost is <em>reserved</em> (waiting exactly
 * {@code (needed - available) / restoreRate} when the bucket cannot afford it yet); after the answer the
 * lease is <em>settled</em>: the unspent part refunded and the bucket reconciled with Shopify's reported
 * {@code throttleStatus}, from which the plan's size and restore rate are also learned. Both steps are Lua
 * scripts, atomic across invocations.
 */
@ApplicationScoped
public class CostBudget {

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final BudgetConfig config;
    private final Pause pause;
    private final String reserveScript;
    private final String settleScript;
    private final Traces traces;

    public CostBudget(RedisDataSource redis, RedisKeys keys, BudgetConfig config, Pause pause, Traces traces) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.pause = pause;
        this.traces = traces;
        this.reserveScript = script("budget/reserve.lua");
        this.settleScript = script("budget/settle.lua");
    }

    /**
     * Blocks until the bucket can afford {@code cost} for this lane, never past the deadline.
     *
     * @throws dev.shopsync.time.DeadlineReachedException when the wait would pass the deadline
     * @throws BudgetExceededException when the cost exceeds the whole bucket
     */
    public Grant acquire(String shop, int cost, Lane lane, Deadline deadline) {
        try (Traced span = traces.start("budget reserve")) {
            span.set("shopify.cost.requested", cost).set("shopify.lane", lane.name());
            long waited = 0;
            int tries = 0;
            try {
                while (true) {
                    String id = UUID.randomUUID().toString();
                    tries++;
                    Reservation reservation = tryReserve(shop, cost, lane, id);
                    if (reservation.granted()) {
                        span.set("shopsync.budget.available", (long) reservation.available());
                        return new Grant(new Lease(shop, id, cost), waited);
                    }
                    waited += pause.waitFor(shop, reservation.waitNeeded(), deadline);
                }
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            } finally {
                span.set("shopsync.budget.waited_ms", waited).set("shopsync.budget.tries", tries);
            }
        }
    }

    /** One atomic attempt; exposed for tests that hammer the script from many threads. */
    Reservation tryReserve(String shop, int cost, Lane lane, String leaseId) {
        Response reply = redis.execute("EVAL", reserveScript, "2", keys.bucket(shop), keys.bucketLeases(shop),
                Integer.toString(cost), Double.toString(lane.floorFraction(config.reserve())),
                Double.toString(config.initialMaximum()), Double.toString(config.initialRestoreRate()), leaseId,
                Long.toString(config.leaseTimeout().toMillis()));
        long granted = reply.get(0).toLong();
        double available = Double.parseDouble(reply.get(1).toString());
        if (granted < 0) {
            throw new BudgetExceededException(shop, cost, available); // the script answers the bucket size here
        }
        return new Reservation(granted == 1, available, Duration.ofMillis(reply.get(2).toLong()));
    }

    /**
     * Settles a lease with what Shopify said. {@code cost} is null when Shopify did not answer with a cost
     * (429, 5xx, transport error); {@code charged} says whether the request may have been charged anyway.
     */
    public double settle(Lease lease, QueryCost cost, boolean mayHaveBeenCharged) {
        try (Traced span = traces.start("budget settle")) {
            span.set("shopify.cost.requested", lease.cost());
            if (cost != null) {
                span.set("shopify.cost.actual", cost.charged());
            }
            double available = settleLease(lease, cost, mayHaveBeenCharged);
            span.set("shopsync.budget.available", (long) available);
            return available;
        }
    }

    private double settleLease(Lease lease, QueryCost cost, boolean mayHaveBeenCharged) {
        String actual;
        if (cost != null) {
            actual = Integer.toString(cost.charged());
        } else {
            actual = mayHaveBeenCharged ? "-1" : "0";
        }
        ThrottleStatus status = cost == null ? null : cost.throttleStatus();
        Response reply = redis.execute("EVAL", settleScript, "2", keys.bucket(lease.shop()),
                keys.bucketLeases(lease.shop()), lease.id() + ":" + lease.cost(), Integer.toString(lease.cost()),
                actual,
                status == null ? "" : Double.toString(status.currentlyAvailable()),
                status == null ? "" : Double.toString(status.maximumAvailable()),
                status == null ? "" : Double.toString(status.restoreRate()));
        return Double.parseDouble(reply.toString());
    }

    /** The bucket as this deployment currently believes it is, or null before the first request. */
    public BucketView view(String shop) {
        Response state = redis.execute("HMGET", keys.bucket(shop), "max", "rate", "available");
        if (state.get(0) == null) {
            return null;
        }
        return new BucketView(Double.parseDouble(state.get(0).toString()), Double.parseDouble(state.get(1).toString()),
                Double.parseDouble(state.get(2).toString()));
    }

    /** A reservation that was granted, and how long it took to get it. */
    public record Grant(Lease lease, long waitedMillis) {
    }

    /** Bucket size, restore rate and available points as last computed (not refilled to now). */
    public record BucketView(double maximum, double restoreRate, double available) {
    }

    private static String script(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
