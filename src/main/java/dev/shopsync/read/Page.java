package dev.shopsync.read;

/** Which slice of a list is asked for: at most {@code first} items after the opaque cursor (null: from the start). */
public record Page(int first, String after) {

    static final int DEFAULT_FIRST = 20;
    static final int MAX_FIRST = 100;

    /** Part of the cache key: the cursor as the caller sent it. */
    String keyPart() {
        return "first=" + first + ":after=" + (after == null ? "" : after);
    }
}
