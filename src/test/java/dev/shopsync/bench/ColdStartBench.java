package dev.shopsync.bench;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.SMALL_SHOP;
import static dev.shopsync.support.SimulatorResource.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SqsResource;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Cold starts of the packaged function, started as Lambda starts it: the JVM artifact (function.zip and its two
 * library layers) is built from this checkout and unpacked as Lambda unpacks it, then launched once per measurement
 * by AWS's Runtime Interface Client, the runtime of Lambda's Java images, with the template's handler class
 * ({@code QuarkusStreamHandler}) and {@code AWS_LAMBDA_RUNTIME_API} pointing at a local stand-in of the Runtime API
 * ({@link LambdaRuntimeStandIn}), which hands it one event and times the answer. Per handler (sync-slice, webhook,
 * planner, status), three starts each: plain; primed at start (what SnapStart's snapshot would hold, see
 * {@code Priming}), where what counts is the first invocation after the start; traced (spans exported over OTLP/HTTP
 * to a stand-in collector before the answer, which the run checks); and on the runner jar's layout without and with
 * the AppCDS archive Quarkus builds for it. Against the local PostgreSQL, Redis, the simulated shop and ElasticMQ.
 * Prints {@code BENCH cold-start ...}, writes {@code target/bench/cold-start.json}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@WithTestResource(SimulatorResource.class)
@WithTestResource(SqsResource.class)
@Tag("cold-start")
class ColdStartBench {

    private static final String SHOP = SMALL_SHOP;
    private static final List<String> HANDLERS = List.of("sync-slice", "webhook", "planner", "status");
    private static final int STARTS = 3;
    /** Lambda's direct upload limit for a function's zip. */
    private static final long ZIP_LIMIT = 50L * 1024 * 1024;
    /** The JVM of a 1,024 MB function: serial GC and C1 only, as for a short-lived process. */
    private static final List<String> JVM = List.of("-Xmx870m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    ObjectMapper json;

    @Test
    void coldStarts() throws Exception {
        Path build = Path.of("target", "cold-start").toAbsolutePath();
        Path target = packageCopy(build);
        long zipBytes = Files.size(target.resolve("function.zip"));
        long layerBytes = Files.size(target.resolve("layer-persistence.zip"))
                + Files.size(target.resolve("layer-libraries.zip"));
        String lambdaClassPath = unpackAsLambda(target, build);
        Path cds = target.resolve("app-cds.jsa");
        boolean hasCds = Files.isRegularFile(cds);

        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Map<String, List<Long>>> measured = new LinkedHashMap<>();
        for (String variant : List.of("plain", "primed", "traced", "runner", "appcds")) {
            if (variant.equals("appcds") && !hasCds) {
                continue;
            }
            for (String handler : HANDLERS) {
                for (int i = 0; i < STARTS; i++) {
                    // every start finds the shop as the first did: nothing synced, nothing queued, a full bucket
                    data.reset(SHOP);
                    Start start = start(target, build, handler, variant, cds, lambdaClassPath);
                    System.out.printf("bench cold-start: %s %s #%d: %d ms to the answer (init %d ms, first "
                            + "invocation %d ms)%n", handler, variant, i + 1, start.totalMs(), start.initMs(),
                            start.firstMs());
                    Map<String, List<Long>> of = measured.computeIfAbsent(handler + "/" + variant,
                            k -> new LinkedHashMap<>());
                    of.computeIfAbsent("total", k -> new ArrayList<>()).add(start.totalMs());
                    of.computeIfAbsent("init", k -> new ArrayList<>()).add(start.initMs());
                    of.computeIfAbsent("first", k -> new ArrayList<>()).add(start.firstMs());
                }
            }
        }
        for (String handler : HANDLERS) {
            String key = handler.replace('-', '_');
            result.put(key + "_ms", median(measured.get(handler + "/plain").get("total")));
        }
        result.put("zip_bytes", zipBytes);
        for (String handler : HANDLERS) {
            String key = handler.replace('-', '_');
            if (hasCds) {
                result.put(key + "_runner_ms", median(measured.get(handler + "/runner").get("total")));
                result.put(key + "_appcds_ms", median(measured.get(handler + "/appcds").get("total")));
            }
            result.put(key + "_first_ms", median(measured.get(handler + "/plain").get("first")));
            result.put(key + "_primed_first_ms", median(measured.get(handler + "/primed").get("first")));
            result.put(key + "_traced_ms", median(measured.get(handler + "/traced").get("total")));
        }
        result.put("zip_limit_ratio", Math.round(1000.0 * zipBytes / ZIP_LIMIT) / 1000.0);
        result.put("layers_bytes", layerBytes);
        result.put("starts", STARTS);

        Map<String, Object> report = new LinkedHashMap<>(result);
        report.put("measured_ms", measured);
        report.put("jvm", JVM);
        report.put("appcds", hasCds ? "quarkus.package.jar.appcds.enabled=true" : "not built");
        BenchReport.publish(json, "cold-start", result, report);
        if (zipBytes >= ZIP_LIMIT) {
            // reported, not failed: sam deploy uploads through S3, whose limit is 250 MB unzipped (FunctionZipIT)
            System.out.printf("bench cold-start: function.zip is %.1f MB, over the 50 MB direct-upload limit%n",
                    zipBytes / 1048576.0);
        }
    }

    /** What one start measured: from process start to the first poll, and to the answer. */
    private record Start(long totalMs, long initMs, long firstMs) {
    }

    private Start start(Path target, Path build, String handler, String variant, Path cds, String lambdaClassPath)
            throws Exception {
        Config config = ConfigProvider.getConfig();
        try (LambdaRuntimeStandIn runtime = new LambdaRuntimeStandIn();
                OtlpCollectorStandIn collector = new OtlpCollectorStandIn()) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM);
            if (variant.equals("appcds")) {
                command.add("-XX:SharedArchiveFile=" + cds);
                command.add("-Xshare:auto");
            }
            // the packaged application runs in its prod profile; the environment of a deployment is given as it
            // would be by the template (the shop, the secrets and the servers are the local ones)
            command.add("-Dquarkus.datasource.jdbc.url=" + config.getValue("quarkus.datasource.jdbc.url",
                    String.class));
            command.add("-Dquarkus.datasource.username=" + config.getOptionalValue("quarkus.datasource.username",
                    String.class).orElse("postgres"));
            command.add("-Dquarkus.datasource.password=" + config.getOptionalValue("quarkus.datasource.password",
                    String.class).orElse(""));
            command.add("-Dquarkus.redis.hosts=" + config.getValue("quarkus.redis.hosts", String.class));
            command.add("-Dquarkus.redis.tls.enabled=false");
            command.add("-Dshopsync.redis.key-prefix=" + config.getValue("shopsync.redis.key-prefix", String.class));
            command.add("-Dshopsync.shops.cold.domain=" + SHOP);
            command.add("-Dshopsync.shops.cold.base-url=" + simulator.baseUrl(SHOP));
            command.add("-Dshopsync.shops.cold.access-token=" + TOKEN);
            command.add("-Dshopsync.webhooks.app-secret=" + APP_WEBHOOK_SECRET);
            command.add("-Dshopsync.planner.queue-url=" + config.getValue("shopsync.planner.queue-url", String.class));
            command.add("-Dquarkus.sqs.endpoint-override=" + config.getValue("quarkus.sqs.endpoint-override",
                    String.class));
            command.add("-Dquarkus.sqs.aws.region=us-east-1");
            command.add("-Dquarkus.sqs.aws.credentials.type=static");
            command.add("-Dquarkus.sqs.aws.credentials.static-provider.access-key-id=test");
            command.add("-Dquarkus.sqs.aws.credentials.static-provider.secret-access-key=test");
            command.add("-Dshopsync.priming.at-start=" + variant.equals("primed"));
            if (variant.equals("traced")) {
                // as the template's Tracing=Enabled does, with the collector on this machine
                command.add("-Dquarkus.otel.sdk.disabled=false");
                command.add("-Dquarkus.otel.exporter.otlp.traces.endpoint=" + collector.endpoint());
            }
            // Lambda's Java runtime: the Runtime Interface Client polls the Runtime API and calls the handler class of
            // the template, with the classes and lib/ of function.zip (here: the runner jar and its lib/) on the path
            command.add("-cp");
            // "runner" and "appcds": the runner jar and its lib/, the layout the AppCDS archive was built for (a
            // container image); the others as Lambda lays out function.zip (/var/task) and the layers (/opt)
            boolean runnerLayout = variant.equals("runner") || variant.equals("appcds");
            command.add((runnerLayout ? runner(target).toString() : lambdaClassPath) + File.pathSeparator
                    + runtimeInterfaceClient());
            command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
            command.add("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(build.resolve("run-" + handler + "-" + variant + ".log").toFile());
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            builder.environment().put("QUARKUS_LAMBDA_HANDLER", handler);
            builder.environment().put("DISABLE_SIGNAL_HANDLERS", "true");
            long started = System.nanoTime();
            Process process = builder.start();
            try {
                LambdaRuntimeStandIn.Invocation invocation = runtime.invoke(event(handler), Duration.ofSeconds(120));
                assertFalse(invocation.error(), handler + " answered an error: " + invocation.body());
                check(handler, invocation.body());
                if (variant.equals("traced")) {
                    assertTrue(collector.exports() > 0, handler + " exported no spans before answering");
                }
                return new Start(ms(invocation.answeredAt() - started), ms(invocation.polledAt() - started),
                        ms(invocation.answeredAt() - invocation.polledAt()));
            } finally {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The answer is the work done, not an error page. */
    private void check(String handler, String body) throws IOException {
        JsonNode answer = json.readTree(body);
        switch (handler) {
            case "sync-slice" -> assertEquals(250, answer.path("records").asInt(), body);
            case "webhook", "status" -> assertEquals(200, answer.path("statusCode").asInt(), body);
            case "planner" -> assertTrue(answer.path("queued").asInt() > 0, body);
            default -> throw new IllegalArgumentException(handler);
        }
    }

    private String event(String handler) throws IOException {
        return switch (handler) {
            case "sync-slice" -> "{\"shop\":\"" + SHOP + "\",\"resource\":\"products\",\"maxPages\":1}";
            case "webhook" -> json.writeValueAsString(SignedWebhook.of(SHOP, "products/update",
                    SignedWebhook.fixture("products/update", SHOP), APP_WEBHOOK_SECRET).event());
            case "planner" -> "{\"shops\":[\"" + SHOP + "\"]}";
            case "status" -> "{\"queryStringParameters\":{\"shop\":\"" + SHOP + "\"}}";
            default -> throw new IllegalArgumentException(handler);
        };
    }

    /**
     * Builds the JVM artifact of this checkout's sources in a copy of the project under {@code target/cold-start}
     * (this build's own target/classes hold the simulator, which the packaging would remove under the running
     * benchmark), with Quarkus' AppCDS archive. @return its {@code target} directory (function.zip, the runner jar
     * and lib/ that function.zip holds, app-cds.jsa)
     */
    private static Path packageCopy(Path build) throws Exception {
        Path project = build.resolve("project");
        Path root = Path.of("").toAbsolutePath();
        deleteTree(project);
        Files.createDirectories(project);
        for (String item : List.of("pom.xml", "mvnw", ".mvn", "src/main")) {
            copyTree(root.resolve(item), project.resolve(item));
        }
        List<String> command = new ArrayList<>(List.of(project.resolve("mvnw").toString(), "-B", "-q", "package",
                "-DskipTests", "-Dquarkus.package.jar.appcds.enabled=true"));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        System.out.println("bench cold-start: packaging the function in " + project);
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(build.resolve("package.log").toFile()).start();
        assertTrue(maven.waitFor(15, TimeUnit.MINUTES), "packaging took over 15 minutes");
        assertEquals(0, maven.exitValue(), "packaging failed, see " + build.resolve("package.log"));
        return project.resolve("target");
    }

    /**
     * function.zip unpacked as Lambda unpacks it into /var/task, and the layers into /opt; @return the class path
     * Lambda's Java runtime builds from them (the task root, its lib/, the layers' java/lib/)
     */
    private static String unpackAsLambda(Path target, Path build) throws IOException {
        Path task = build.resolve("var-task");
        Path opt = build.resolve("opt");
        deleteTree(task);
        deleteTree(opt);
        unzip(target.resolve("function.zip"), task);
        unzip(target.resolve("layer-persistence.zip"), opt);
        unzip(target.resolve("layer-libraries.zip"), opt);
        return String.join(File.pathSeparator, task.toString(), task.resolve("lib") + "/*",
                opt.resolve("java").resolve("lib") + "/*");
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            for (java.util.zip.ZipEntry entry : file.stream().map(java.util.zip.ZipEntry.class::cast).toList()) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (var in = file.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** AWS's Runtime Interface Client and what it needs beyond the function, from this benchmark's class path. */
    private static String runtimeInterfaceClient() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client-")
                    || name.startsWith("aws-lambda-java-serialization-")) {
                jars.add(entry);
            }
        }
        assertEquals(2, jars.size(), "the Runtime Interface Client is not on the class path: " + jars);
        return String.join(File.pathSeparator, jars);
    }

    /** The Lambda packaging's runner jar: the classes function.zip holds at its root, lib/ on its class path. */
    private static Path runner(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runner jar in " + target));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
