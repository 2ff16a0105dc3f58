package dev.shopsync.state;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Redis-backed cursors, one key per (shop, resource). The cursor is only ever saved after the PostgreSQL
 * transaction holding the data it points past has committed.
 */
@ApplicationScoped
public class CursorStore {

    private final ValueCommands<String, String> values;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public CursorStore(RedisDataSource redis, RedisKeys keys, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.keys = keys;
        this.json = json;
    }

    public Optional<Cursor> load(String shop, String resource) {
        String stored = values.get(keys.cursor(shop, resource));
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, Cursor.class));
        } catch (JsonProcessingException e) {
            // A cursor we cannot read is treated like a lost one: rebuilt from PostgreSQL, never guessed.
            return Optional.empty();
        }
    }

    public void save(String shop, String resource, Cursor cursor) {
        values.set(keys.cursor(shop, resource), toJson(cursor));
    }

    public String toJson(Cursor cursor) {
        try {
            return json.writeValueAsString(cursor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cursor not serialisable", e);
        }
    }
}
