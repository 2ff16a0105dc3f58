package dev.shopsync.budget;

/** Shopify's view of the shop's cost bucket, reported with every response. */
public record ThrottleStatus(double maximumAvailable, double currentlyAvailable, double restoreRate) {
}
