package dev.shopsync.sync;

import java.time.Instant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Input of one sync slice.
 *
 * @param shop        shop domain, e.g. {@code acme.myshopify.com}
 * @param resource    resource family, e.g. {@code products}
 * @param maxPages    work budget (optional; default {@code shopsync.sync.max-pages})
 * @param maxSeconds  time budget (optional; default {@code shopsync.sync.max-duration}; at most
 *                    {@code shopsync.sync.max-seconds-limit})
 * @param windowStart with {@code windowEnd}: sync only this fixed, inclusive {@code updated_at} partition (a
 *                    backfill split into disjoint windows that run concurrently, each with its own cursor)
 * @param windowEnd   end of the partition
 * @param mode        {@code incremental} (default); {@code reconcile}: compare Shopify's id set with the
 *                    table, soft-delete what Shopify no longer has and fetch what the table lacks; or
 *                    {@code deletions}: soft-delete what Shopify's event log says was destroyed since the last pass
 *                    (products, collections, orders); or {@code refresh}: re-read the ids webhooks queued; or
 *                    {@code backfill}: advance the resource's Bulk Operations backfill by one step; or
 *                    {@code lifecycle} (resource {@code shop}): decide the shop's recorded app/uninstalled and
 *                    shop/redact requests with Shopify, and erase a redacted shop chunk by chunk
 */
@RegisterForReflection
public record SliceRequest(String shop, String resource, Integer maxPages, Integer maxSeconds, Instant windowStart,
        Instant windowEnd, String mode) {

    public static final String INCREMENTAL = "incremental";
    public static final String RECONCILE = "reconcile";
    public static final String DELETIONS = "deletions";
    public static final String REFRESH = "refresh";
    public static final String BACKFILL = "backfill";
    public static final String LIFECYCLE = "lifecycle";
    /** The pseudo-resource of shop-level slices. */
    public static final String SHOP = "shop";

    public SliceRequest(String shop, String resource, Integer maxPages, Integer maxSeconds) {
        this(shop, resource, maxPages, maxSeconds, null, null, null);
    }

    public SliceRequest(String shop, String resource, Integer maxPages, Integer maxSeconds, Instant windowStart,
            Instant windowEnd) {
        this(shop, resource, maxPages, maxSeconds, windowStart, windowEnd, null);
    }

    public boolean reconcile() {
        return RECONCILE.equals(mode);
    }

    public boolean deletions() {
        return DELETIONS.equals(mode);
    }

    public boolean refresh() {
        return REFRESH.equals(mode);
    }

    public boolean backfill() {
        return BACKFILL.equals(mode);
    }

    public boolean lifecycle() {
        return LIFECYCLE.equals(mode);
    }

    /** A mode that covers the whole resource and has a stream of its own. */
    public boolean wholeResource() {
        return reconcile() || deletions() || refresh() || backfill() || lifecycle();
    }

    public boolean partitioned() {
        return windowStart != null || windowEnd != null;
    }

    /**
     * Rejects bad input before anything is touched, including a time budget above {@code maxSecondsLimit} (the
     * ceiling below the function's timeout: a slice asking for more would be cut off by Lambda mid-page).
     */
    public SliceRequest validated(int maxSecondsLimit) {
        validated();
        if (maxSeconds != null && maxSeconds > maxSecondsLimit) {
            throw new InvalidSliceRequestException("'maxSeconds' must be at most " + maxSecondsLimit
                    + " (shopsync.sync.max-seconds-limit, below the function's timeout), was " + maxSeconds);
        }
        return this;
    }

    /** Rejects bad input before anything is touched. */
    public SliceRequest validated() {
        if (shop == null || shop.isBlank()) {
            throw new InvalidSliceRequestException("'shop' is required (a *.myshopify.com domain)");
        }
        if (resource == null || resource.isBlank()) {
            throw new InvalidSliceRequestException("'resource' is required");
        }
        if (maxPages != null && maxPages < 1) {
            throw new InvalidSliceRequestException("'maxPages' must be at least 1, was " + maxPages);
        }
        if (maxSeconds != null && maxSeconds < 1) {
            throw new InvalidSliceRequestException("'maxSeconds' must be at least 1, was " + maxSeconds);
        }
        if (partitioned() && (windowStart == null || windowEnd == null)) {
            throw new InvalidSliceRequestException("a partition needs both 'windowStart' and 'windowEnd'");
        }
        if (mode != null && !INCREMENTAL.equals(mode) && !RECONCILE.equals(mode) && !DELETIONS.equals(mode)
                && !REFRESH.equals(mode) && !BACKFILL.equals(mode) && !LIFECYCLE.equals(mode)) {
            throw new InvalidSliceRequestException("unknown mode '" + mode
                    + "'; supported: [incremental, reconcile, deletions, refresh, backfill, lifecycle]");
        }
        if (lifecycle() != SHOP.equals(resource)) {
            throw new InvalidSliceRequestException(lifecycle() ? "a lifecycle slice is about the whole shop: "
                    + "'resource' must be 'shop'" : "resource 'shop' has only the 'lifecycle' mode");
        }
        if (wholeResource() && partitioned()) {
            throw new InvalidSliceRequestException("a " + mode + " slice covers the whole resource; drop the window");
        }
        if (partitioned() && windowEnd.isBefore(windowStart)) {
            throw new InvalidSliceRequestException("'windowEnd' " + windowEnd + " is before 'windowStart' "
                    + windowStart);
        }
        return this;
    }

    /** The stream this slice advances: the resource, or one fixed partition of it. */
    public String stream() {
        if (wholeResource()) {
            return resource + "#" + mode;
        }
        return partitioned() ? resource + "@" + windowStart + ".." + windowEnd : resource;
    }
}
