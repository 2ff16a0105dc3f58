package dev.shopsync.budget;

/** Points reserved on a shop's bucket for one request; settle it exactly once. */
public record Lease(String shop, String id, int cost) {
}
