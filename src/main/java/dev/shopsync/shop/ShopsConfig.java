package dev.shopsync.shop;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The Shopify stores to sync, keyed by a short name of the operator's choice:
 * {@code shopsync.shops.<name>.domain=acme.myshopify.com}.
 */
@ConfigMapping(prefix = "shopsync.shops")
public interface ShopsConfig {

    @WithParentName
    Map<String, Shop> shops();

    interface Shop {
        /** The {@code *.myshopify.com} domain. */
        String domain();

        /** Admin API version; Shopify supports each for at least 12 months. */
        @WithDefault("2026-10")
        String apiVersion();

        /** Where the Admin API lives; only tests and the simulator override it. */
        Optional<String> baseUrl();

        /**
         * The Admin API access token. Set it through an environment variable or any Quarkus config source
         * backed by a secret store; never put it in application.properties.
         */
        Optional<String> accessToken();

        /** Name of an environment variable holding the token, when the operator prefers indirection. */
        Optional<String> accessTokenEnv();

        /**
         * The secret Shopify signs this shop's webhooks with (the app's client secret), when it differs from
         * {@code shopsync.webhooks.app-secret}; like the token, from a secret store or the environment.
         */
        Optional<String> webhookSecret();

        /** The previous secret, accepted as well while a rotation is under way. */
        Optional<String> webhookSecretPrevious();
    }
}
