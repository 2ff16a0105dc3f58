package dev.shopsync.migration;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code migrate} function: schema migrations once per deployment, run by CloudFormation. */
@ConfigMapping(prefix = "shopsync.migration")
public interface MigrationConfig {

    /**
     * Name or ARN of the secret holding the functions' (DML-only) database login; only its {@code username} is used,
     * as the role the migrated tables are granted to.
     */
    Optional<String> appSecretId();

    /**
     * Time kept back before the Lambda deadline: a migration still running then is answered FAILED to
     * CloudFormation, which would otherwise wait up to an hour for a function that was stopped.
     */
    @WithDefault("PT20S")
    Duration deadlineMargin();

    /** How long one PUT of the answer to CloudFormation's pre-signed URL may take. */
    @WithDefault("PT10S")
    Duration responseTimeout();
}
