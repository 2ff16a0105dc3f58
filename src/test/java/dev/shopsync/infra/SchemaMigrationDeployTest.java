package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migrations run once per deployment, as a step of the template (a custom resource calling the migrate function with
 * the migration login), before the other functions are updated; no function migrates when it starts.
 */
class SchemaMigrationDeployTest {

    private static SamTemplate template;
    private static String migrateFunction;
    private static String migration;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.project();
        List<String> migrators = template.resourcesOfType(SamTemplate.FUNCTION).keySet().stream()
                .filter(f -> "migrate".equals(template.environment(f).get("QUARKUS_LAMBDA_HANDLER"))).toList();
        assertEquals(1, migrators.size(), "one function runs the migrate handler: " + migrators);
        migrateFunction = migrators.get(0);
        List<String> custom = template.resources().keySet().stream()
                .filter(id -> String.valueOf(template.typeOf(id)).startsWith("Custom::")
                        || "AWS::CloudFormation::CustomResource".equals(template.typeOf(id)))
                .toList();
        assertEquals(1, custom.size(), "one custom resource migrates: " + custom);
        migration = custom.get(0);
    }

    @Test
    void noFunctionMigratesAtStart() {
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            assertEquals("false", template.environment(function).get("QUARKUS_FLYWAY_MIGRATE_AT_START"), function);
        }
    }

    @Test
    void theArtifactItselfDoesNotMigrateAtStartInProduction() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertEquals("false", properties.getProperty("%prod.quarkus.flyway.migrate-at-start"));
        // dev and test keep migrating at start
        assertEquals("true", properties.getProperty("quarkus.flyway.migrate-at-start"));
    }

    @Test
    void theCustomResourceCallsTheMigrateFunctionAgainForEveryNewVersion() {
        Map<String, Object> properties = SamTemplate.properties(template.resource(migration).orElseThrow());
        assertEquals(migrateFunction, SamTemplate.pointsAt(properties.get("ServiceToken")));
        // CloudFormation sends Update only when a property changes: the published version does with the code
        assertTrue(properties.values().stream().anyMatch(v -> (migrateFunction + ".Version").equals(SamTemplate.refTarget(v))),
                migration + " does not change with " + migrateFunction + "'s version: " + properties);
    }

    @Test
    void everyOtherFunctionIsDeployedAfterTheMigration() {
        Set<String> waiting = new TreeSet<>();
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            if (SamTemplate.listOf(template.resource(function).orElseThrow().get("DependsOn")).contains(migration)) {
                waiting.add(function);
            }
        }
        Set<String> others = new TreeSet<>(template.resourcesOfType(SamTemplate.FUNCTION).keySet());
        others.remove(migrateFunction);
        assertEquals(others, waiting);
    }

    @Test
    void theMigrateFunctionLogsInWithTheMigrationLoginAndGrantsTheFunctionsLogin() {
        Map<String, Object> env = template.environment(migrateFunction);
        assertEquals("DatabaseMigrationSecretArn", SamTemplate.refTarget(env.get("SHOPSYNC_LOGINS_DATABASE_SECRET_ID")));
        assertEquals("DatabaseSecretArn", SamTemplate.refTarget(env.get("SHOPSYNC_MIGRATION_APP_SECRET_ID")));
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            if (!function.equals(migrateFunction)) {
                assertEquals("DatabaseSecretArn",
                        SamTemplate.refTarget(template.environment(function).get("SHOPSYNC_LOGINS_DATABASE_SECRET_ID")),
                        function + " logs in with the DML-only login");
            }
        }
    }

    @Test
    void theMigrateFunctionMayRunAsLongAsLambdaAllows() {
        // the handler answers CloudFormation before this deadline, so a long migration fails instead of hanging
        assertEquals(900, template.functionTimeout(migrateFunction));
    }
}
