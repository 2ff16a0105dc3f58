package dev.shopsync.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Benchmarks boot on their own, with their own Redis prefix and a short read timeout for the fault run. */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "shopsync.redis.key-prefix", "shopsync-bench",
                "shopsync.shopify.read-timeout", "PT2S",
                "shopsync.shopify.connect-timeout", "PT2S",
                "shopsync.sync.max-duration", "PT150S");
    }
}
