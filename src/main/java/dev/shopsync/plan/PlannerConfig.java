package dev.shopsync.plan;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the planner fans slices out through the slice queue. */
@ConfigMapping(prefix = "shopsync.planner")
public interface PlannerConfig {

    /** The SQS queue of slice messages ({@code SHOPSYNC_PLANNER_QUEUE_URL}); required by planner and queue consumer. */
    Optional<String> queueUrl();

    /** Slices of one shop queued or running at once; the shop's rate budget is shared by all of them anyway. */
    @WithDefault("4")
    int maxQueuedPerShop();

    /**
     * A queued stream not heard of for this long is taken as lost (its message went to the DLQ, an invocation
     * died between finishing and re-queueing) and may be queued again. Longer than the queue's visibility timeout
     * times its maxReceiveCount (30 min × 5 in the template), so a message SQS still retries is not doubled.
     */
    @WithDefault("PT3H")
    Duration staleAfter();

    /** How often each resource's id set is reconciled. */
    @WithDefault("P1D")
    Duration reconcileEvery();

    /** How often the event log is read for destroyed rows. */
    @WithDefault("PT15M")
    Duration deletionsEvery();

    /**
     * How often an uninstalled shop's token is tried again (a lifecycle slice, one cheap query): a merchant who
     * reinstalls the app is synced again without anyone touching the shop table.
     */
    @WithDefault("PT1H")
    Duration reinstallProbeEvery();

    /** How long a slice waits before polling a running bulk job again. */
    @WithDefault("PT30S")
    Duration waitingDelay();
}
