package dev.shopsync.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;

/**
 * Failures a shop serves instead of normal answers. Queued failures come first, in the order they were queued, each
 * answering exactly one request: HTTP 429 with a {@code Retry-After} header, a 5xx, or a late answer. After them, every request
 * draws from the {@link FaultRates} (none by default) with one seeded random sequence, so the same seed and the same
 * order of requests give the same faults.
 */
public final class FaultPlan {

    /** Unseeded plans are reproducible too: the same requests meet the same faults from run to run. */
    static final long DEFAULT_SEED = 0x5EED_FA17L;

    /** What happens to one request. */
    enum Kind {
        /** Normal service. */
        NONE,
        HTTP_429,
        HTTP_5XX,
        /** Normal service, answered {@link Fault#delay()} late. */
        SLOW,
        DROP_CONNECTION,
        TRUNCATE_BODY,
        /** THROTTLED in place of the reservation, as if another app had drained the bucket. */
        THROTTLED
    }

    /** The plan's decision for one request: {@code status} for 429 and 5xx, {@code retryAfter} for 429. */
    record Fault(Kind kind, int status, String retryAfter, Duration delay) {

        static final Fault NONE = new Fault(Kind.NONE, 0, null, Duration.ZERO);
        static final Fault DROP_CONNECTION = new Fault(Kind.DROP_CONNECTION, 0, null, Duration.ZERO);
        static final Fault TRUNCATE_BODY = new Fault(Kind.TRUNCATE_BODY, 0, null, Duration.ZERO);
        static final Fault THROTTLED = new Fault(Kind.THROTTLED, 0, null, Duration.ZERO);

        static Fault http429(String retryAfter) {
            return new Fault(Kind.HTTP_429, 429, retryAfter, Duration.ZERO);
        }

        static Fault http5xx(int status) {
            return new Fault(Kind.HTTP_5XX, status, null, Duration.ZERO);
        }

        static Fault slow(Duration by) {
            return new Fault(Kind.SLOW, 0, null, by);
        }
    }

    private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();
    // The drawing state below is shared by the shop's concurrent requests; every access holds this object's lock.
    private FaultRates rates = FaultRates.none();
    private RandomGenerator random = new SplittableRandom(DEFAULT_SEED);
    private int burstLeft;

    /** @param retryAfterHeaderValue sent verbatim, e.g. {@code "1.5"}: Shopify sends fractional seconds */
    public FaultPlan respond429Next(int n, String retryAfterHeaderValue) {
        Objects.requireNonNull(retryAfterHeaderValue, "retryAfterHeaderValue");
        for (int i = 0; i < n; i++) {
            queue.add(Fault.http429(retryAfterHeaderValue));
        }
        return this;
    }

    public FaultPlan respond5xxNext(int n, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("not a 5xx status: " + status);
        }
        for (int i = 0; i < n; i++) {
            queue.add(Fault.http5xx(status));
        }
        return this;
    }

    /** The next {@code n} requests are served normally but answered {@code by} late. */
    public FaultPlan respondSlowNext(int n, Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a negative delay: " + by);
        }
        for (int i = 0; i < n; i++) {
            queue.add(Fault.slow(by));
        }
        return this;
    }

    /** Applies from the next request on; a burst already running still ends as it began. */
    public synchronized FaultPlan rates(FaultRates rates) {
        this.rates = Objects.requireNonNull(rates, "rates");
        return this;
    }

    public synchronized FaultRates rates() {
        return rates;
    }

    /** Restarts the random sequence the rates draw from. */
    public synchronized FaultPlan seed(long seed) {
        random = new SplittableRandom(seed);
        return this;
    }

    /** Drops the queued failures and a running burst and sets the rates back to none; the random sequence goes on. */
    public void clear() {
        queue.clear();
        synchronized (this) {
            burstLeft = 0;
            rates = FaultRates.none();
        }
    }

    /** Failing answers already decided: queued failures plus the THROTTLED answers left in a running burst. */
    public synchronized int pending() {
        return queue.size() + burstLeft;
    }

    /** Decides the fate of one request: the oldest queued failure, else the running burst, else a draw. */
    Fault next() {
        Fault queued = queue.poll();
        return queued != null ? queued : draw();
    }

    private synchronized Fault draw() {
        if (burstLeft > 0) {
            burstLeft--;
            return Fault.THROTTLED;
        }
        if (rates.isNone()) {
            return Fault.NONE;
        }
        // One draw picks at most one fault: consecutive slices of [0, 1), one per kind, as wide as its rate.
        double u = random.nextDouble();
        double edge = rates.http429();
        if (u < edge) {
            return Fault.http429(rates.retryAfter());
        }
        if (u < (edge += rates.http5xx())) {
            return Fault.http5xx(503);
        }
        if (u < (edge += rates.slow())) {
            return Fault.slow(rates.slowBy());
        }
        if (u < (edge += rates.dropConnection())) {
            return Fault.DROP_CONNECTION;
        }
        if (u < (edge += rates.truncateBody())) {
            return Fault.TRUNCATE_BODY;
        }
        if (u < edge + rates.throttledBurst()) {
            burstLeft = rates.burstLength() - 1;
            return Fault.THROTTLED;
        }
        return Fault.NONE;
    }
}
