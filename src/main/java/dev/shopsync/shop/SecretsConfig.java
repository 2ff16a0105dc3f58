package dev.shopsync.shop;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Shops registered in the {@code shop} table and the secret stores holding their tokens. */
@ConfigMapping(prefix = "shopsync.secrets")
public interface SecretsConfig {

    /** How long a token read from a secret store is kept in memory (a rotated token is used after at most this). */
    @WithDefault("PT5M")
    Duration ttl();

    /** How long the list of registered shops is kept in memory before the table is read again. */
    @WithDefault("PT1M")
    Duration shopsTtl();

    /**
     * Another Secrets Manager endpoint (a VPC endpoint's DNS name, or a local stand-in in tests); without it the AWS
     * SDK finds the regional one. With it, requests go unsigned only when {@code secrets-manager-anonymous} is set.
     */
    Optional<String> secretsManagerEndpoint();

    /** The Secrets Manager region; without it the AWS SDK's own lookup ({@code AWS_REGION} in Lambda). */
    Optional<String> region();

    /** Local stand-ins only: do not sign Secrets Manager requests. */
    @WithDefault("false")
    boolean secretsManagerAnonymous();
}
