package dev.shopsync.sync;

/**
 * Input of one sync slice.
 *
 * @param shop       shop domain, e.g. {@code acme.myshopify.com}
 * @param resource   resource family, e.g. {@code products}
 * @param maxPages   work budget (optional; default {@code shopsync.sync.max-pages})
 * @param maxSeconds time budget (optional; default {@code shopsync.sync.max-duration})
 */
public record SliceRequest(String shop, String resource, Integer maxPages, Integer maxSeconds) {

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
        return this;
    }
}
