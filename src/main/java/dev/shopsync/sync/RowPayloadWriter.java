package dev.shopsync.sync;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@link PayloadWriter} for a resource whose payload maps to one row: the row (if the payload holds a whole one)
 * goes through the resource's page writer, so a late delivery meets the same monotonic guard as a synced page.
 * Subclasses are {@code @Singleton} beans: they hold no state, and a client proxy would need a no-args constructor
 * this class does not have.
 */
public abstract class RowPayloadWriter<R extends SyncedRow> implements PayloadWriter {

    private final String resource;
    private final PageWriter<R> writer;
    private final BiFunction<JsonNode, String, Optional<R>> rowOf;

    /** @param rowOf the row a payload and its raw text describe, empty when the payload is not a whole one */
    protected RowPayloadWriter(String resource, PageWriter<R> writer, BiFunction<JsonNode, String, Optional<R>> rowOf) {
        this.resource = resource;
        this.writer = writer;
        this.rowOf = rowOf;
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public Optional<Written> write(long shopId, JsonNode payload, String raw) {
        return rowOf.apply(payload, raw).map(row -> new Written(row.id(), writer.write(shopId, List.of(row)) == 1));
    }
}
