package dev.shopsync.simulator;

/** The rate-limit bucket as {@code extensions.cost.throttleStatus} reports it. */
public record ThrottleSnapshot(double maximumAvailable, double currentlyAvailable, double restoreRate) {
}
