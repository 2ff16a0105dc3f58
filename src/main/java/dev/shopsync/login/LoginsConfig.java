package dev.shopsync.login;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Logins the functions fetch at run time from AWS Secrets Manager instead of reading them from their environment: the
 * database login (behind {@code quarkus.datasource.credentials-provider}) and the Redis user (behind
 * {@code quarkus.redis.hosts-provider-name}). The environment carries secret names or ARNs only.
 */
@ConfigMapping(prefix = "shopsync.logins")
public interface LoginsConfig {

    /** How long a login read from Secrets Manager is kept in memory (a rotated password is used after at most this). */
    @WithDefault("PT5M")
    Duration ttl();

    /**
     * Name or ARN of the secret with the database login (JSON {@code username}/{@code password}, as RDS writes it).
     * In the prod profile it becomes {@code quarkus.datasource.credentials-provider}; unset, the datasource keeps its
     * configured username and password.
     */
    Optional<String> databaseSecretId();

    /** Redis to connect to in the prod profile, {@code rediss://host:port} (TLS), without user or password. */
    Optional<String> redisEndpoint();

    /** Name or ARN of the secret with the Redis (ElastiCache) user, JSON {@code username}/{@code password}. */
    Optional<String> redisSecretId();

    /**
     * Another Secrets Manager endpoint (a VPC endpoint's DNS name, or a local stand-in in tests); without it the AWS
     * SDK finds the regional one.
     */
    Optional<String> secretsManagerEndpoint();

    /** The Secrets Manager region; without it the AWS SDK's own lookup ({@code AWS_REGION} in Lambda). */
    Optional<String> region();

    /** Local stand-ins only: do not sign Secrets Manager requests. */
    @WithDefault("false")
    boolean secretsManagerAnonymous();
}
