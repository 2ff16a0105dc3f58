package dev.shopsync.shop;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Everything needed to talk to one shop's Admin API. The token is resolved when a Shopify call first needs it,
 * not when the connection is made: the planner, the webhook and the status functions handle connections without
 * ever reading a token (their IAM roles could not), and only {@code sync-slice} calls Shopify.
 */
public record ShopConnection(String domain, String apiVersion, URI baseUri, Supplier<AccessToken> tokenSource) {

    public ShopConnection {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("shop domain must not be blank");
        }
    }

    /** A connection with a token already in hand (configured shops, tests). */
    public ShopConnection(String domain, String apiVersion, URI baseUri, AccessToken token) {
        this(domain, apiVersion, baseUri, () -> token);
    }

    /** @throws SecretUnavailableException when the token's secret cannot be read */
    public AccessToken token() {
        return tokenSource.get();
    }
}
