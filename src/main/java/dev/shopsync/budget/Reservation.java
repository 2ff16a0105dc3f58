package dev.shopsync.budget;

import java.time.Duration;

/** The answer of one reservation attempt: granted, or how long until the bucket can afford it. */
record Reservation(boolean granted, double available, Duration waitNeeded) {
}
