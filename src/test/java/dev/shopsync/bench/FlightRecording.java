package dev.shopsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * With {@code -Dbench.profile=true}, records a benchmark's run with JDK Flight Recorder (the JDK's {@code profile}
 * settings), writes {@code target/bench/<name>.jfr} and prints what a regression hunt starts from: the ten methods
 * most often on top of the sampled stacks (the JVM's own time, not waits), the ten with most samples anywhere in the
 * stack among this project's code, and the allocation rate. Off by default: recording costs a few percent.
 */
public class FlightRecording implements BeforeEachCallback, AfterEachCallback {

    private static final String PROPERTY = "bench.profile";
    private static final int TOP = 10;

    private Recording recording;
    private Instant started;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, ParseException {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName(name(context));
        started = Instant.now();
        recording.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (recording == null) {
            return;
        }
        recording.stop();
        Duration length = Duration.between(started, Instant.now());
        String name = name(context);
        Path file = Path.of("target", "bench", name + ".jfr");
        Files.createDirectories(file.getParent());
        recording.dump(file);
        recording.close();
        recording = null;
        List<String> lines = summary(name, file, length);
        Files.write(Path.of("target", "bench", name + "-profile.txt"), lines);
        lines.forEach(System.out::println);
    }

    /** The benchmark's own tag (the name {@code -Dbench=} selects it by), else its class name. */
    private static String name(ExtensionContext context) {
        Tag tag = context.getRequiredTestClass().getAnnotation(Tag.class);
        return tag != null ? tag.value() : context.getRequiredTestClass().getSimpleName();
    }

    /**
     * This project's production code: without CDI's generated proxies, the benchmark driving it and the Shopify
     * simulator standing in for Shopify (its time is Shopify's, not ours).
     */
    private static boolean ours(String method) {
        return method.startsWith("dev.shopsync.") && !method.startsWith("dev.shopsync.bench.")
                && !method.startsWith("dev.shopsync.simulator.") && !method.contains("_ClientProxy")
                && !method.contains("_Subclass") && !method.contains("$$");
    }

    /** Summarises a recording again: {@code java -cp target/test-classes dev.shopsync.bench.FlightRecording F.jfr}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String name = file.getFileName().toString().replace(".jfr", "");
        Duration length;
        try (RecordingFile recording = new RecordingFile(file)) {
            Instant first = null;
            Instant last = null;
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
            }
            length = first == null ? Duration.ZERO : Duration.between(first, last);
        }
        summary(name, file, length).forEach(System.out::println);
    }

    /** The hottest frames and the allocation rate of one recording. */
    static List<String> summary(String name, Path file, Duration length) throws IOException {
        Map<String, Long> onTop = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                onTop.merge(method(frames.get(0)), 1L, Long::sum);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : frames) {
                    String method = method(frame);
                    if (ours(method) && seen.add(method)) {
                        ours.merge(method, 1L, Long::sum);
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                allocated += event.getLong("weight");
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "PROFILE %s samples=%d seconds=%.1f alloc_mb_per_s=%.1f file=%s", name,
                samples, length.toMillis() / 1000.0, allocated / 1048576.0 / Math.max(0.001, length.toMillis() / 1000.0),
                file));
        top(lines, name, "self", onTop, samples);
        top(lines, name, "ours", ours, samples);
        return lines;
    }

    private static void top(List<String> lines, String name, String kind, Map<String, Long> counts, long samples) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (int i = 0; i < Math.min(TOP, sorted.size()); i++) {
            Map.Entry<String, Long> entry = sorted.get(i);
            lines.add(String.format(Locale.ROOT, "PROFILE %s %s %2d %5.1f%% %s", name, kind, i + 1,
                    100.0 * entry.getValue() / Math.max(1, samples), entry.getKey()));
        }
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
