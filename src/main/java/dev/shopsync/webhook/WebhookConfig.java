package dev.shopsync.webhook;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The webhook endpoint: {@code shopsync.webhooks.*}. */
@ConfigMapping(prefix = "shopsync.webhooks")
public interface WebhookConfig {

    /** The app's client secret, used for every shop without a secret of its own. */
    Optional<String> appSecret();

    /** The previous app secret, accepted as well while a rotation is under way. */
    Optional<String> appSecretPrevious();

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
