package dev.shopsync.cache;

/** Where an answer came from. */
public enum Tier {
    /** This container's memory, validated against the versions in Redis. */
    L1,
    /** Redis, shared by every container, validated in the same round trip. */
    L2,
    /** PostgreSQL; the answer was then cached. */
    MISS,
    /** PostgreSQL, not cached: the cache is off, the answer too large, or a commit it depends on was under way. */
    BYPASS;

    /** The value of the {@code x-cache} response header. */
    public String header() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
