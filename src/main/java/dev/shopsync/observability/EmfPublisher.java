package dev.shopsync.observability;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Writes what one invocation measured as CloudWatch Embedded Metric Format lines on standard output, where Lambda's
 * log capture hands them to CloudWatch Logs, which turns them into metrics: no API call, no agent. One line per
 * meter (its tags are its dimensions), then the registry is emptied. Durations become an array of up to 100 values
 * (each sample as its histogram bucket's bound) so CloudWatch computes p95/p99 across invocations.
 */
@ApplicationScoped
public class EmfPublisher {

    static final String NAMESPACE = "ShopifySync";
    /** Metrics also published without dimensions: the freshness alarm watches the worst lag of all shops. */
    private static final Set<String> ROLLED_UP = Set.of("FreshnessLagSeconds");
    /** The most values one EMF metric may carry. */
    private static final int MAX_VALUES = 100;

    private final SimpleMeterRegistry registry;
    private final ObjectMapper json;
    private final Clock clock;
    private final MetricsConfig config;

    public EmfPublisher(SimpleMeterRegistry registry, ObjectMapper json, Clock clock, MetricsConfig config) {
        this.registry = registry;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** Publishes to standard output (Lambda's log stream); without EMF, only forgets what was measured. */
    public void flush() {
        if (config.emf()) {
            flush(System.out);
        } else {
            registry.clear();
        }
    }

    /** Writes one EMF line per meter measured since the last flush, then forgets them. */
    public synchronized void flush(PrintStream out) {
        long timestamp = clock.millis();
        for (Meter meter : registry.getMeters()) {
            ObjectNode line = line(meter, timestamp);
            if (line != null) {
                try {
                    out.println(json.writeValueAsString(line));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("EMF line not serialisable", e);
                }
            }
        }
        out.flush();
        registry.clear();
    }

    private ObjectNode line(Meter meter, long timestamp) {
        Meter.Id id = meter.getId();
        ObjectNode line = json.createObjectNode();
        ObjectNode metadata = line.putObject("_aws");
        metadata.put("Timestamp", timestamp);
        ObjectNode directive = metadata.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        ArrayNode dimensions = dimensionSets.addArray();
        for (Tag tag : id.getTags()) {
            dimensions.add(tag.getKey());
            line.put(tag.getKey(), tag.getValue());
        }
        if (ROLLED_UP.contains(id.getName())) {
            dimensionSets.addArray();
        }
        ObjectNode metric = directive.putArray("Metrics").addObject();
        metric.put("Name", id.getName());
        if (meter instanceof Counter counter) {
            metric.put("Unit", "Count");
            line.put(id.getName(), counter.count());
        } else if (meter instanceof Timer timer) {
            if (timer.count() == 0) {
                return null;
            }
            metric.put("Unit", "Milliseconds");
            ArrayNode values = line.putArray(id.getName());
            samples(timer.takeSnapshot(), timer.max(TimeUnit.MILLISECONDS)).forEach(values::add);
        } else if (meter instanceof DistributionSummary summary) {
            if (summary.count() == 0) {
                return null;
            }
            metric.put("Unit", "Seconds");
            // a lag is a level, not a flow: the worst one of the invocation
            line.put(id.getName(), summary.max());
        } else {
            return null;
        }
        return line;
    }

    /** The samples as bucket bounds, the ones above the last bound as the maximum; at most 100, kept in proportion. */
    static List<Double> samples(HistogramSnapshot snapshot, double maxMillis) {
        long total = snapshot.count();
        double scale = total > MAX_VALUES ? (double) MAX_VALUES / total : 1.0;
        List<Double> values = new ArrayList<>();
        double below = 0;
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
            double inBucket = bucket.count() - below;
            below = bucket.count();
            long times = Math.round(inBucket * scale);
            for (long i = 0; i < times && values.size() < MAX_VALUES; i++) {
                values.add(Math.min(bucket.bucket(TimeUnit.MILLISECONDS), maxMillis));
            }
        }
        long above = Math.round((total - below) * scale);
        for (long i = 0; i < above && values.size() < MAX_VALUES; i++) {
            values.add(maxMillis);
        }
        if (values.isEmpty()) {
            values.add(maxMillis);
        }
        return values;
    }
}
