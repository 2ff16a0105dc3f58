package dev.shopsync.lambda;

import java.util.Map;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.shopsync.migration.CustomResourceMigration;
import dev.shopsync.observability.LogContext;
import dev.shopsync.observability.Traced;
import dev.shopsync.observability.Traces;

/**
 * Lambda entry point of the {@code migrate} function, the CloudFormation custom resource that migrates the schema once
 * per deployment, before the other functions are updated (see {@link CustomResourceMigration}). The other functions
 * never migrate: {@code quarkus.flyway.migrate-at-start} is false in production.
 */
@Named("migrate")
public class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Without a Lambda context (a local call), the migration may take this long. */
    private static final long NO_DEADLINE_MILLIS = 15 * 60 * 1000L;

    private final CustomResourceMigration migration;
    private final Traces traces;

    public MigrateHandler(CustomResourceMigration migration, Traces traces) {
        this.migration = migration;
        this.traces = traces;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        try (LogContext log = LogContext.invocation(requestId);
                Traced span = traces.invocation("migrate", requestId, "other")) {
            return migration.handle(event == null ? Map.of() : event,
                    context == null ? NO_DEADLINE_MILLIS : context.getRemainingTimeInMillis());
        } finally {
            traces.flush();
        }
    }
}
