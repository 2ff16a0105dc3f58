package dev.shopsync.budget;

/**
 * Priority lanes on a shop's cost budget. Lower lanes stop spending earlier, leaving a reserve that only the
 * lanes above them may use, so a backfill can never starve real-time work.
 */
public enum Lane {
    /** Refreshes triggered by webhooks: may spend the bucket to zero. */
    WEBHOOK(0.0),
    /** Scheduled incremental sync: leaves half the reserve. */
    INCREMENTAL(0.5),
    /** Backfills and reconciliation: leave the whole reserve. */
    BACKFILL(1.0);

    private final double shareOfReserve;

    Lane(double shareOfReserve) {
        this.shareOfReserve = shareOfReserve;
    }

    /** Fraction of the bucket this lane must leave untouched, given the configured reserve fraction. */
    public double floorFraction(double reserveFraction) {
        return reserveFraction * shareOfReserve;
    }
}
