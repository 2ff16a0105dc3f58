package dev.shopsync.migration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import dev.shopsync.login.LoginSecrets;

/**
 * The schema migration as a CloudFormation custom resource: Create and Update migrate and grant (see
 * {@link SchemaMigration}), Delete leaves the database alone. Whatever happens, CloudFormation gets an answer before
 * the function's deadline: SUCCESS with the schema version, or FAILED with a short reason (the details are in the
 * function's log), so a broken migration rolls the deployment back instead of hanging it.
 */
@Singleton
public class CustomResourceMigration {

    /** One migration run; returns the schema version reached. */
    @FunctionalInterface
    public interface Job {
        String run() throws Exception;
    }

    static final String PHYSICAL_ID = "shopsync-schema";
    private static final Logger LOG = Logger.getLogger(CustomResourceMigration.class);
    private static final int MAX_REASON_MESSAGE = 300;

    private final Job job;
    private final CloudFormationResponse response;
    private final Duration deadlineMargin;

    /**
     * In the {@code migrate} function the datasource's login is the migration login (its
     * {@code shopsync.logins.database-secret-id} names the migration secret), so Quarkus' own Flyway (with the
     * migrations found at build time) migrates with it; the grantee is the user of {@code shopsync.migration.app-secret-id}.
     */
    @Inject
    public CustomResourceMigration(Flyway flyway, AgroalDataSource dataSource, LoginSecrets secrets,
            MigrationConfig config) {
        this(() -> new SchemaMigration(flyway, dataSource).migrateAndGrant(secrets.login(config.appSecretId()
                .orElseThrow(() -> new IllegalStateException(
                        "shopsync.migration.app-secret-id (SHOPSYNC_MIGRATION_APP_SECRET_ID) is not set: "
                                + "no application role to grant the schema to")))
                .username()), new CloudFormationResponse(config.responseTimeout()), config.deadlineMargin());
    }

    public CustomResourceMigration(Job job, CloudFormationResponse response, Duration deadlineMargin) {
        this.job = job;
        this.response = response;
        this.deadlineMargin = deadlineMargin;
    }

    /**
     * @param remainingMillis time left of the invocation ({@code Context.getRemainingTimeInMillis()})
     * @return what was answered to CloudFormation ({@code Status}, {@code Reason}, {@code Delivered})
     */
    public Map<String, Object> handle(Map<String, Object> event, long remainingMillis) {
        String requestType = String.valueOf(event.get("RequestType"));
        String physicalId = event.get("PhysicalResourceId") instanceof String id && !id.isBlank() ? id : PHYSICAL_ID;
        boolean success;
        String reason;
        Map<String, String> data = new LinkedHashMap<>();
        switch (requestType) {
            case "Delete" -> {
                // the data outlives the stack; dropping it is a person's decision, not a rollback's
                success = true;
                reason = "nothing to do: the schema stays";
            }
            case "Create", "Update" -> {
                long budget = Math.max(1, remainingMillis - deadlineMargin.toMillis());
                Outcome outcome = runWithin(budget);
                success = outcome.version() != null;
                reason = success ? "schema at version " + outcome.version() : outcome.failure();
                if (success) {
                    data.put("SchemaVersion", outcome.version());
                }
            }
            default -> {
                success = false;
                reason = "unknown RequestType '" + requestType + "'";
            }
        }
        boolean delivered = response.send(event, success, reason, physicalId, data);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Status", success ? "SUCCESS" : "FAILED");
        answer.put("Reason", reason);
        answer.put("Delivered", delivered);
        return answer;
    }

    private record Outcome(String version, String failure) {
    }

    private Outcome runWithin(long budgetMillis) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schema-migration");
            thread.setDaemon(true);
            return thread;
        });
        Future<String> run = executor.submit(job::run);
        try {
            return new Outcome(run.get(budgetMillis, TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            run.cancel(true);
            LOG.errorf("schema migration still running after %d ms: answering FAILED before the deadline",
                    budgetMillis);
            return new Outcome(null, "schema migration did not finish in " + budgetMillis / 1000
                    + " s; its transaction is rolled back when the connection closes. See the migrate function's log");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.error("schema migration failed", cause);
            return new Outcome(null, "schema migration failed: " + shortly(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "schema migration interrupted");
        } finally {
            executor.shutdownNow();
        }
    }

    /** Class and first line of the message: enough to act on, short enough for CloudFormation's event list. */
    private static String shortly(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).lines().findFirst().orElse("").strip();
        if (message.length() > MAX_REASON_MESSAGE) {
            message = message.substring(0, MAX_REASON_MESSAGE) + "...";
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
