package dev.shopsync.sync;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource that writes its row straight from a verified webhook's REST payload. Each resource that can declares
 * one; the webhook path finds them by {@link #resource()} and knows no page writer or payload format itself.
 */
public interface PayloadWriter {

    /** The resource whose rows this writes ({@code products}, …), as its syncer names it. */
    String resource();

    /**
     * Writes the row the payload describes, with the same monotonic guard as a synced page.
     *
     * @return the row's id and whether it was applied (false: the stored row is as new or newer); empty when the
     *         payload does not hold a whole row, so the object must be read back from Shopify instead
     */
    Optional<Written> write(long shopId, JsonNode payload, String raw);

    /** Whether a written row's children come only from reading the object back (the payload lacks them). */
    default boolean childrenReadBack() {
        return false;
    }

    /** What {@link #write} did. */
    record Written(long id, boolean applied) {
    }
}
