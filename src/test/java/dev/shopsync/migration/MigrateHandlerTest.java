package dev.shopsync.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.shopsync.observability.Traces;
import io.opentelemetry.api.OpenTelemetry;
import dev.shopsync.lambda.MigrateHandler;

/**
 * The migrate function as CloudFormation calls it: a custom resource event in, the answer PUT to the event's
 * ResponseURL (a local server here). Against the real test PostgreSQL, in a throwaway database owned by a throwaway
 * migration role, granting to a throwaway application role; all dropped afterwards.
 */
@Timeout(120)
class MigrateHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String DATABASE = "shopsync_migrate_" + SUFFIX;
    private static final String MIGRATOR = "shopsync_migrator_" + SUFFIX;
    private static final String APP = "shopsync_app_" + SUFFIX;
    private static final String MIGRATOR_PASSWORD = "migrator-" + SUFFIX;
    private static final String APP_PASSWORD = "app-" + SUFFIX;

    /** One answer CloudFormation's URL received. */
    record Answer(String method, String contentType, JsonNode body) {
    }

    private static HttpServer responseUrl;
    private static final List<Answer> ANSWERS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger REFUSALS = new AtomicInteger();

    @BeforeAll
    static void createDatabaseAndRoles() throws Exception {
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + MIGRATOR + " LOGIN PASSWORD '" + MIGRATOR_PASSWORD + "'");
            sql.execute("CREATE ROLE " + APP + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + MIGRATOR);
        }
        try (Connection owner = connect(DATABASE, "postgres-admin"); Statement sql = owner.createStatement()) {
            // before PostgreSQL 15 the database owner does not own public; the migration role should
            sql.execute("ALTER SCHEMA public OWNER TO " + MIGRATOR);
        }
        responseUrl = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responseUrl.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (REFUSALS.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            ANSWERS.add(new Answer(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        responseUrl.start();
    }

    @AfterAll
    static void dropDatabaseAndRoles() throws Exception {
        if (responseUrl != null) {
            responseUrl.stop(0);
        }
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            sql.execute("DROP ROLE IF EXISTS " + APP);
            sql.execute("DROP ROLE IF EXISTS " + MIGRATOR);
        }
    }

    @BeforeEach
    @AfterEach
    void forgetAnswers() {
        ANSWERS.clear();
        REFUSALS.set(0);
    }

    @Test
    void createMigratesWithTheMigrationLoginAndLeavesTheAppRoleDmlOnly() throws Exception {
        Map<String, Object> result = handler(MIGRATOR_PASSWORD, APP).handleRequest(event("Create", null),
                context(60_000));

        assertEquals("SUCCESS", result.get("Status"), String.valueOf(result));
        Answer answer = onlyAnswer();
        assertEquals("PUT", answer.method());
        assertNull(answer.contentType(), "the pre-signed URL's signature covers no content type");
        assertEquals("SUCCESS", answer.body().path("Status").asText());
        assertEquals("shopsync-schema", answer.body().path("PhysicalResourceId").asText());
        assertEquals("arn:aws:cloudformation:eu-west-1:123456789012:stack/shopsync/1", answer.body().path("StackId").asText());
        assertEquals("req-Create", answer.body().path("RequestId").asText());
        assertEquals("SchemaMigration", answer.body().path("LogicalResourceId").asText());
        String version = answer.body().path("Data").path("SchemaVersion").asText();
        assertEquals(latestMigration(), version);

        try (Connection app = connect(DATABASE, APP); Statement sql = app.createStatement()) {
            // DML on the migrated tables, sequences included
            sql.execute("INSERT INTO shop (domain, api_version) VALUES ('grant-test.myshopify.com', '2026-10')");
            sql.execute("UPDATE shop SET api_version = '2026-07' WHERE domain = 'grant-test.myshopify.com'");
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM shop")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
            sql.execute("DELETE FROM shop WHERE domain = 'grant-test.myshopify.com'");
            // no DDL, and the migration history is not the application's to write
            assertDenied(sql, "CREATE TABLE intruder (id int)");
            assertDenied(sql, "ALTER TABLE shop ADD COLUMN intruder int");
            assertDenied(sql, "DROP TABLE shop");
            assertDenied(sql, "TRUNCATE shop");
            assertDenied(sql, "DELETE FROM flyway_schema_history");
            sql.executeQuery("SELECT count(*) FROM flyway_schema_history").close();
        }
    }

    @Test
    void updateIsIdempotentAndDeleteLeavesTheSchema() throws Exception {
        MigrateHandler handler = handler(MIGRATOR_PASSWORD, APP);
        assertEquals("SUCCESS", handler.handleRequest(event("Create", null), context(60_000)).get("Status"));
        ANSWERS.clear();

        Map<String, Object> update = handler.handleRequest(event("Update", "shopsync-schema"), context(60_000));
        assertEquals("SUCCESS", update.get("Status"), String.valueOf(update));
        assertEquals("shopsync-schema", onlyAnswer().body().path("PhysicalResourceId").asText());
        ANSWERS.clear();

        Map<String, Object> delete = handler(MIGRATOR_PASSWORD, APP).handleRequest(event("Delete", "shopsync-schema"),
                context(60_000));
        assertEquals("SUCCESS", delete.get("Status"));
        assertEquals("SUCCESS", onlyAnswer().body().path("Status").asText());
        try (Connection app = connect(DATABASE, APP); Statement sql = app.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM shop")) {
            assertTrue(rs.next(), "the tables survive a Delete");
        }
    }

    @Test
    void aFailedMigrationAnswersFailedWithAShortReasonAndNoSecret() {
        // the test server may trust local connections, so the login that fails is one that does not exist
        Map<String, Object> result = handler("no_such_role_" + SUFFIX, MIGRATOR_PASSWORD, APP)
                .handleRequest(event("Create", null), context(60_000));

        assertEquals("FAILED", result.get("Status"));
        JsonNode body = onlyAnswer().body();
        assertEquals("FAILED", body.path("Status").asText());
        String reason = body.path("Reason").asText();
        assertTrue(reason.startsWith("schema migration failed: "), reason);
        assertTrue(reason.length() < 500, reason);
        assertFalse(reason.contains(MIGRATOR_PASSWORD), reason);
    }

    @Test
    void anAppRoleThatIsTheMigrationLoginIsRefused() {
        Map<String, Object> result = handler(MIGRATOR_PASSWORD, MIGRATOR).handleRequest(event("Create", null),
                context(60_000));
        assertEquals("FAILED", result.get("Status"));
        assertTrue(onlyAnswer().body().path("Reason").asText().contains("DML-only"), String.valueOf(result));
    }

    @Test
    void aMigrationStillRunningAtTheDeadlineIsAnsweredFailedInTime() {
        CustomResourceMigration slow = new CustomResourceMigration(() -> {
            Thread.sleep(60_000);
            return "never";
        }, new CloudFormationResponse(Duration.ofSeconds(5)), Duration.ofMillis(1_500));
        long started = System.nanoTime();

        Map<String, Object> result = new MigrateHandler(slow, new Traces(OpenTelemetry.noop())).handleRequest(event("Create", null), context(3_000));

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("FAILED", result.get("Status"));
        assertTrue(tookMillis < 3_000, "answered after " + tookMillis + " ms, past the deadline");
        assertTrue(onlyAnswer().body().path("Reason").asText().contains("did not finish"));
    }

    @Test
    void theAnswerIsRetriedWhenCloudFormationsUrlFailsOnce() {
        REFUSALS.set(1);
        Map<String, Object> result = handler(MIGRATOR_PASSWORD, APP).handleRequest(event("Delete", "shopsync-schema"),
                context(60_000));
        assertEquals(Boolean.TRUE, result.get("Delivered"));
        assertEquals("SUCCESS", onlyAnswer().body().path("Status").asText());
    }

    @Test
    void anUnknownRequestTypeIsAnsweredFailed() {
        Map<String, Object> result = handler(MIGRATOR_PASSWORD, APP).handleRequest(event("Rename", null),
                context(60_000));
        assertEquals("FAILED", result.get("Status"));
        assertEquals("FAILED", onlyAnswer().body().path("Status").asText());
    }

    private static void assertDenied(Statement sql, String statement) {
        SQLException e = assertThrows(SQLException.class, () -> sql.execute(statement), statement);
        // 42501 insufficient_privilege, 42P01 would mean the test is wrong
        assertTrue("42501".equals(e.getSQLState()) || e.getMessage().contains("must be owner"),
                statement + ": " + e.getSQLState() + " " + e.getMessage());
    }

    private Answer onlyAnswer() {
        assertEquals(1, ANSWERS.size(), "answers: " + ANSWERS);
        return ANSWERS.get(0);
    }

    private static MigrateHandler handler(String migratorPassword, String appRole) {
        return handler(MIGRATOR, migratorPassword, appRole);
    }

    private static MigrateHandler handler(String migrator, String migratorPassword, String appRole) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url(DATABASE));
        dataSource.setUser(migrator);
        dataSource.setPassword(migratorPassword);
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        SchemaMigration migration = new SchemaMigration(flyway, dataSource);
        return new MigrateHandler(new CustomResourceMigration(() -> migration.migrateAndGrant(appRole),
                new CloudFormationResponse(Duration.ofSeconds(5)), Duration.ofSeconds(5)),
                new Traces(OpenTelemetry.noop()));
    }

    private static Map<String, Object> event(String type, String physicalId) {
        var event = new java.util.LinkedHashMap<String, Object>();
        event.put("RequestType", type);
        event.put("ServiceToken", "arn:aws:lambda:eu-west-1:123456789012:function:shopsync-migrate:live");
        event.put("ResponseURL", "http://127.0.0.1:" + responseUrl.getAddress().getPort() + "/cfn-response?sig=x");
        event.put("StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/shopsync/1");
        event.put("RequestId", "req-" + type);
        event.put("LogicalResourceId", "SchemaMigration");
        event.put("ResourceType", "Custom::SchemaMigration");
        event.put("ResourceProperties", Map.of("CodeVersion", "7"));
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        return event;
    }

    /** The highest V<n>__ migration of the artifact: what a fresh database must reach. */
    private static String latestMigration() throws IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.matches("V\\d+__.*\\.sql"))
                    .map(f -> Integer.parseInt(f.substring(1, f.indexOf("__"))))
                    .max(Integer::compare).map(String::valueOf).orElseThrow();
        }
    }

    // ------------------------------------------------------------ the test PostgreSQL

    private static String adminUrl() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        return url == null ? "jdbc:postgresql://127.0.0.1:5432/postgres" : url;
    }

    /** The throwaway database on the test server (same host, port and parameters). */
    private static String url(String database) {
        String admin = adminUrl();
        int slash = admin.indexOf('/', "jdbc:postgresql://".length());
        int query = admin.indexOf('?', slash);
        return admin.substring(0, slash + 1) + database + (query < 0 ? "" : admin.substring(query));
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl(), adminUser(), adminPassword());
    }

    private static Connection connect(String database, String role) throws SQLException {
        if (role.equals("postgres-admin")) {
            return DriverManager.getConnection(url(database), adminUser(), adminPassword());
        }
        return DriverManager.getConnection(url(database), role, role.equals(APP) ? APP_PASSWORD : MIGRATOR_PASSWORD);
    }

    private static String adminUser() {
        String user = System.getenv("QUARKUS_DATASOURCE_USERNAME");
        return user == null ? "postgres" : user;
    }

    private static String adminPassword() {
        String password = System.getenv("QUARKUS_DATASOURCE_PASSWORD");
        return password == null ? "" : password;
    }

    private static Context context(long remainingMillis) {
        long deadline = System.currentTimeMillis() + remainingMillis;
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return "test-request";
            }

            @Override
            public String getLogGroupName() {
                return "test";
            }

            @Override
            public String getLogStreamName() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "migrate";
            }

            @Override
            public String getFunctionVersion() {
                return "1";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-west-1:123456789012:function:shopsync-migrate:live";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return (int) Math.max(0, deadline - System.currentTimeMillis());
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
