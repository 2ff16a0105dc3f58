package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logs that expire, an alarm for every way the sync can silently stop, and a dashboard of its metrics. */
class ObservabilityTest {

    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final String ALARM = "AWS::CloudWatch::Alarm";

    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.project();
    }

    @Test
    void everyFunctionLogsToItsOwnLogGroupWithRetention() {
        Set<String> used = new TreeSet<>();
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            Object logGroup = SamTemplate.map(template.functionProperties(function).get("LoggingConfig")).get("LogGroup");
            String logGroupId = SamTemplate.pointsAt(logGroup);
            assertNotNull(logGroupId, function + " names no LoggingConfig.LogGroup of the template");
            assertEquals(LOG_GROUP, template.typeOf(logGroupId), function + " logs to " + logGroupId);
            Object retention = SamTemplate.properties(template.resource(logGroupId).orElseThrow()).get("RetentionInDays");
            assertNotNull(retention, logGroupId + " keeps logs forever");
            assertTrue(template.resolveInt(retention) > 0, logGroupId + " retention " + retention);
            assertTrue(used.add(logGroupId), logGroupId + " is shared by two functions");
        }
    }

    @Test
    void everyFunctionHasAnErrorsAlarm() {
        Set<String> alarmed = new TreeSet<>();
        alarms("AWS/Lambda", "Errors").forEach(alarm -> alarmed.add(dimension(alarm, "FunctionName")));
        assertEquals(new TreeSet<>(template.resourcesOfType(SamTemplate.FUNCTION).keySet()), alarmed);
    }

    @Test
    void everyDeadLetterQueueHasADepthAlarmAtAnyMessage() {
        Set<String> alarmed = new TreeSet<>();
        for (Map<String, Object> alarm : alarms("AWS/SQS", "ApproximateNumberOfMessagesVisible")) {
            assertEquals(0, template.resolveInt(alarm.get("Threshold")));
            assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator"));
            alarmed.add(dimension(alarm, "QueueName"));
        }
        assertEquals(new QueueRules(template).deadLetterQueues(), alarmed);
    }

    @Test
    void theFreshnessLagAlarmWatchesTheApplicationsMetric() {
        List<Map<String, Object>> freshness = alarms("ShopifySync", "FreshnessLagSeconds");
        assertEquals(1, freshness.size());
        // The alarm reads the dimensionless series: the application must publish one (EMF dimension set []).
        assertEquals(List.of(), SamTemplate.listOf(freshness.get(0).get("Dimensions")));
        assertEquals("Maximum", freshness.get(0).get("Statistic"));
    }

    @Test
    void theDashboardShowsEveryMetricTheApplicationEmits() {
        var dashboards = template.resourcesOfType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size());
        String body = String.valueOf(SamTemplate.properties(dashboards.values().iterator().next()).get("DashboardBody"));
        for (String metric : List.of("ShopifyCallDuration", "ShopifyCostSpent", "ShopifyThrottled", "RecordsSynced",
                "SliceDuration", "WebhookLatency", "WebhookOutcome", "FreshnessLagSeconds",
                "ApproximateNumberOfMessagesVisible", "\"Errors\"", "\"Throttles\"")) {
            assertTrue(body.contains(metric), "dashboard lacks " + metric);
        }
    }

    private static List<Map<String, Object>> alarms(String namespace, String metric) {
        return template.resourcesOfType(ALARM).values().stream()
                .map(SamTemplate::properties)
                .filter(p -> namespace.equals(p.get("Namespace")) && metric.equals(p.get("MetricName")))
                .toList();
    }

    /** The logical id a dimension's value points at. */
    private static String dimension(Map<String, Object> alarm, String name) {
        return SamTemplate.listOf(alarm.get("Dimensions")).stream()
                .map(SamTemplate::map)
                .filter(d -> name.equals(d.get("Name")))
                .map(d -> SamTemplate.pointsAt(d.get("Value")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("alarm without " + name + " dimension: " + alarm));
    }

    @Test
    void tracesAreOffUnlessTheDeploymentTurnsThemOnWithACollector() {
        Map<String, Object> tracing = SamTemplate.map(template.parameters().get("Tracing"));
        assertEquals("Disabled", tracing.get("Default"));
        assertEquals(List.of("Disabled", "Enabled"), tracing.get("AllowedValues"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Tracing"), "Enabled")),
                template.conditions().get("TracingOn"));
        Map<String, Object> rule = SamTemplate.map(SamTemplate.map(template.root().get("Rules"))
                .get("TracingHasACollector"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Tracing"), "Enabled")), rule.get("RuleCondition"));
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            Map<String, Object> properties = template.functionProperties(function);
            assertEquals(Map.of("Fn::If", List.of("TracingOn", "false", "true")),
                    template.environment(function).get("QUARKUS_OTEL_SDK_DISABLED"), function);
            assertEquals("http://localhost:4318",
                    template.environment(function).get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), function);
            assertEquals(Map.of("Fn::If", List.of("TracingOn", "Active", "PassThrough")), properties.get("Tracing"),
                    function);
            assertTrue(SamTemplate.listOf(properties.get("Layers")).contains(Map.of("Fn::If", List.of("TracingOn",
                    Map.of("Ref", "TracingCollectorLayerArn"), Map.of("Ref", "AWS::NoValue")))), function);
        }
    }
}
