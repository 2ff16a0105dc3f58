package dev.shopsync.observability;

import static dev.shopsync.support.SimulatorResource.HOOKS_SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A slice through the Lambda handler writes its metrics as CloudWatch EMF lines on standard output: parsed back,
 * they say exactly what the slice did.
 */
@QuarkusTest
@TestProfile(MetricsEmfTest.EmfOn.class)
@WithTestResource(SimulatorResource.class)
class MetricsEmfTest {

    /** EMF is off in the test profile (log noise); this class turns it on. */
    public static class EmfOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopsync.metrics.emf", "true");
        }
    }

    @Inject
    TestData data;

    @Inject
    ObjectMapper json;

    @Test
    void aSlicesMetricsAreParsedBackFromItsEmfLines() throws Exception {
        data.reset(HOOKS_SHOP);
        data.deleteRedisKeys(HOOKS_SHOP);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        JsonPath result;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            result = SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "products", "maxPages", 50));
        } finally {
            System.setOut(stdout);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{\"_aws\"")) {
                lines.add(json.readTree(line));
            }
        }
        assertTrue(!lines.isEmpty(), "no EMF line in: " + captured);
        for (JsonNode line : lines) {
            JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertEquals("ShopifySync", directive.path("Namespace").asText());
            String name = directive.path("Metrics").get(0).path("Name").asText();
            assertTrue(line.has(name), "the value of " + name);
            for (JsonNode dimension : directive.path("Dimensions").get(0)) {
                assertTrue(line.path(dimension.asText()).isTextual(), "dimension " + dimension + " of " + name);
            }
        }

        assertEquals("COMPLETED", result.getString("outcome"));
        JsonNode slice = only(lines, "SliceDuration");
        assertEquals(HOOKS_SHOP, slice.path("Shop").asText());
        assertEquals("products", slice.path("Resource").asText());
        assertEquals("incremental", slice.path("Mode").asText());
        assertEquals("COMPLETED", slice.path("Outcome").asText());
        assertEquals(1, slice.path("SliceDuration").size());
        assertEquals("Milliseconds", slice.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0)
                .path("Unit").asText());
        assertEquals(result.getInt("records"), only(lines, "RecordsSynced").path("RecordsSynced").asInt());
        assertEquals(result.getInt("costSpent"), only(lines, "ShopifyCostSpent").path("ShopifyCostSpent").asInt());
        JsonNode calls = only(lines, "ShopifyCallDuration");
        assertEquals("ProductsPage", calls.path("Operation").asText());
        assertEquals("ok", calls.path("Outcome").asText());
        assertEquals(result.getInt("pages"), calls.path("ShopifyCallDuration").size(), "one value per call");
        JsonNode lag = only(lines, "FreshnessLagSeconds");
        // per shop and resource, and rolled up without dimensions for the freshness alarm
        assertEquals("[[\"Resource\",\"Shop\"],[]]", lag.path("_aws").path("CloudWatchMetrics").get(0)
                .path("Dimensions").toString());
        long expected = Duration.between(Instant.parse(result.getString("cursor.watermark")), Instant.now())
                .toSeconds();
        assertTrue(Math.abs(expected - lag.path("FreshnessLagSeconds").asLong()) <= 5, lag + " vs " + expected);
        assertTrue(lines.stream().noneMatch(l -> l.has("ShopifyThrottled")), "no THROTTLED answer");
    }

    private static JsonNode only(List<JsonNode> lines, String metric) {
        List<JsonNode> matching = lines.stream().filter(l -> l.has(metric)).toList();
        assertEquals(1, matching.size(), metric + " lines: " + matching);
        return matching.get(0);
    }
}
