package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class AdminSchemaTest {

    @Test
    void loadsTheRealSchemaOnceAndValidatesAgainstIt() {
        assertNotNull(AdminSchema.load(SimulatorOptions.DEFAULT_SCHEMA_FILE).getObjectType("ProductVariant"));
        assertTrue(AdminSchema.load(Path.of("ignored")) == AdminSchema.load(SimulatorOptions.DEFAULT_SCHEMA_FILE));
        assertTrue(AdminSchema.validate("{ products(first: 1) { nodes { id variants(first: 1) { nodes { sku } } } } }")
                .isEmpty());
        assertFalse(AdminSchema.validate("{ products(first: 1) { nodes { nope } } }").isEmpty());
        assertFalse(AdminSchema.validate("{ products(first: 1) { ").isEmpty());
    }

    @Test
    void devModeFallsBackToTheSchemaFile() throws IOException {
        // Dev mode: test resources are not on the classpath.
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null);
                InputStream in = new GZIPInputStream(AdminSchema.open(SimulatorOptions.DEFAULT_SCHEMA_FILE, empty))) {
            assertEquals('{', in.read());
        }
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThrows(IllegalStateException.class, () -> AdminSchema.open(Path.of("no/such/schema.json.gz"), empty));
        }
    }
}
