package dev.shopsync.webhook;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The webhook endpoint: {@code shopsync.webhooks.*}. */
@ConfigMapping(prefix = "shopsync.webhooks")
public interface WebhookConfig {

    /**
     * The app's client secret, used for every shop without a secret of its own, given directly (dev, tests, a
     * config source backed by a secret store). On AWS use {@link #appSecretId()} instead: a plain environment
     * variable would show the secret to anyone who can read the function's configuration.
     */
    Optional<String> appSecret();

    /** The previous app secret, accepted as well while a rotation is under way. */
    Optional<String> appSecretPrevious();

    /**
     * The Secrets Manager secret (name or ARN) holding the app's client secret, read at run time and kept for
     * {@code shopsync.secrets.ttl}: either the secret alone, or JSON {@code {"secret": ..., "previousSecret": ...}}
     * during a rotation. Takes precedence over {@link #appSecret()}.
     */
    Optional<String> appSecretId();

    /** Bodies larger than this are refused with 413 before anything else is done with them. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** How long a processed delivery is remembered: longer than Shopify's 4-hour retry window. */
    @WithDefault("PT24H")
    Duration dedupTtl();

    /**
     * How long a delivery being processed holds its event id; a retry arriving meanwhile is answered 409 so
     * Shopify tries again, and a crash mid-way frees the id after this.
     */
    @WithDefault("PT60S")
    Duration inProgressTtl();
}
