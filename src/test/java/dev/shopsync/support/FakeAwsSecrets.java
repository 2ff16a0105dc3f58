package dev.shopsync.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stand-ins for AWS Secrets Manager's {@code GetSecretValue} and SSM's {@code GetParameter} (their JSON protocol,
 * as the AWS SDK speaks it), holding what tests put in them and counting reads. No AWS account here.
 */
public class FakeAwsSecrets implements QuarkusTestResourceLifecycleManager {

    /** Secrets Manager secrets by id, SSM parameters by name (static: the resource and the test share them). */
    public static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    public static final Map<String, String> PARAMETERS = new ConcurrentHashMap<>();
    public static final AtomicInteger READS = new AtomicInteger();
    /** Every secret id and parameter name asked for, in order (which function read what). */
    public static final List<String> READ_IDS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeAwsSecrets::answer);
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "shopsync.secrets.secrets-manager-endpoint", endpoint,
                "shopsync.secrets.secrets-manager-anonymous", "true",
                "shopsync.secrets.region", "us-east-1",
                "quarkus.ssm.endpoint-override", endpoint,
                "quarkus.ssm.aws.region", "us-east-1",
                "quarkus.ssm.aws.credentials.type", "static",
                "quarkus.ssm.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.ssm.aws.credentials.static-provider.secret-access-key", "test");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        READS.incrementAndGet();
        READ_IDS.add(request.has("SecretId") ? request.path("SecretId").asText() : request.path("Name").asText());
        int status = 200;
        Map<String, Object> body;
        if (target.endsWith("GetSecretValue") && SECRETS.containsKey(request.path("SecretId").asText())) {
            String id = request.path("SecretId").asText();
            body = Map.of("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + id, "Name", id,
                    "SecretString", SECRETS.get(id), "VersionId", "v1", "VersionStages", new String[] {"AWSCURRENT"});
        } else if (target.endsWith("GetParameter") && PARAMETERS.containsKey(request.path("Name").asText())
                && request.path("WithDecryption").asBoolean()) {
            String name = request.path("Name").asText();
            body = Map.of("Parameter", Map.of("Name", name, "Type", "SecureString", "Value", PARAMETERS.get(name),
                    "Version", 1, "DataType", "text"));
        } else {
            status = 400;
            body = Map.of("__type", target.contains("secretsmanager") ? "ResourceNotFoundException"
                    : "ParameterNotFound", "message", "not found");
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
