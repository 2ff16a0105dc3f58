package dev.shopsync.sync;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why a slice stopped. */
@RegisterForReflection
public enum SliceOutcome {
    /** The window was paged to its end. */
    COMPLETED,
    /** Nothing new can be asked for yet (the watermark is within the lag). */
    UP_TO_DATE,
    /** The page budget was spent; more remains. */
    BUDGET_SPENT,
    /** Time ran out (or a throttle wait would not fit); more remains. */
    DEADLINE,
    /** A bulk job runs, or waits for a free bulk slot: the next slice polls it again. */
    WAITING,
    /** Another slice holds this stream. */
    LOCKED,
    /** An error stopped the slice; nothing after the last committed page was kept. */
    FAILED,
    /** The shop uninstalled the app: nothing is synced for it any more. */
    INACTIVE
}
