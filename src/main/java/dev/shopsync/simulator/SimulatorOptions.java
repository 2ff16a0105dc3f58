package dev.shopsync.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ShopifySimulator} behaves: per-request latency, how far the search index lags writes, the clock that
 * drives the rate-limit bucket and the index lag, the port, and where the Admin schema lives when it is not on the
 * classpath (dev mode).
 */
public record SimulatorOptions(Duration latency, Duration indexLag, Clock clock, int port, Path schemaFile) {

    /** Relative to the project root, which is the working directory of both {@code quarkus:dev} and the tests. */
    public static final Path DEFAULT_SCHEMA_FILE = Path.of("src/test/resources/shopify/schema/admin_2026-10.json.gz");

    public SimulatorOptions {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(indexLag, "indexLag");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(schemaFile, "schemaFile");
        if (latency.isNegative() || indexLag.isNegative()) {
            throw new IllegalArgumentException("latency and indexLag must not be negative");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** 300 ms is what one 250-product page takes against a real shop; benchmarks need that to be honest. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(Duration.ofMillis(300), Duration.ofSeconds(5), Clock.systemUTC(), 0,
                DEFAULT_SCHEMA_FILE);
    }

    public SimulatorOptions withLatency(Duration latency) {
        return new SimulatorOptions(latency, indexLag, clock, port, schemaFile);
    }

    public SimulatorOptions withIndexLag(Duration indexLag) {
        return new SimulatorOptions(latency, indexLag, clock, port, schemaFile);
    }

    public SimulatorOptions withClock(Clock clock) {
        return new SimulatorOptions(latency, indexLag, clock, port, schemaFile);
    }

    public SimulatorOptions withPort(int port) {
        return new SimulatorOptions(latency, indexLag, clock, port, schemaFile);
    }

    public SimulatorOptions withSchemaFile(Path schemaFile) {
        return new SimulatorOptions(latency, indexLag, clock, port, schemaFile);
    }
}
