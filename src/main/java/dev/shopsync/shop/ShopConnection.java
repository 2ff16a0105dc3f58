package dev.shopsync.shop;

import java.net.URI;

/** Everything needed to talk to one shop's Admin API. */
public record ShopConnection(String domain, String apiVersion, URI baseUri, AccessToken token) {

    public ShopConnection {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("shop domain must not be blank");
        }
    }
}
