package dev.shopsync.bulk;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sizes the next window from how long the last job took: a job longer than the target shrinks the window, a
 * faster one grows it, by the ratio but at most 4 times either way, within the configured bounds.
 */
@ApplicationScoped
public class BulkWindowSizer {

    private static final double MAX_FACTOR = 4.0;

    private final BulkConfig config;

    public BulkWindowSizer(BulkConfig config) {
        this.config = config;
    }

    public Duration next(Duration window, Duration jobTook) {
        double factor = jobTook == null || jobTook.isZero() || jobTook.isNegative() ? MAX_FACTOR
                : (double) config.targetJobDuration().toMillis() / jobTook.toMillis();
        factor = Math.max(1 / MAX_FACTOR, Math.min(MAX_FACTOR, factor));
        long millis = (long) (window.toMillis() * factor);
        long bounded = Math.max(config.minWindow().toMillis(), Math.min(config.maxWindow().toMillis(), millis));
        return Duration.ofSeconds(Math.max(1, bounded / 1000));
    }

    public Duration initial() {
        return config.initialWindow();
    }
}
