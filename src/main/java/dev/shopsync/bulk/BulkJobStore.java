package dev.shopsync.bulk;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.state.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/** The {@link BulkJob} of each (shop, resource), as JSON in Redis. */
@ApplicationScoped
public class BulkJobStore {

    private final ValueCommands<String, String> values;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public BulkJobStore(RedisDataSource redis, RedisKeys keys, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.keys = keys;
        this.json = json;
    }

    /** Empty when there is none or it cannot be read: the backfill then finds its jobs again from Shopify. */
    public Optional<BulkJob> load(String shop, String resource) {
        String stored = values.get(keys.bulkJob(shop, resource));
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, BulkJob.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public void save(String shop, BulkJob job) {
        try {
            values.set(keys.bulkJob(shop, job.resource()), json.writeValueAsString(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bulk job not serialisable", e);
        }
    }
}
