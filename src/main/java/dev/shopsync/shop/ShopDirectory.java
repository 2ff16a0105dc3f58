package dev.shopsync.shop;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The shops this deployment syncs: those configured under {@code shopsync.shops}, plus shops registered at
 * start-up (the dev-mode simulator registers its simulated shop here).
 */
@ApplicationScoped
public class ShopDirectory {

    private final Map<String, ShopConnection> byDomain = new ConcurrentHashMap<>();

    public ShopDirectory(ShopsConfig config) {
        config.shops().forEach((name, shop) -> register(fromConfig(name, shop)));
    }

    public void register(ShopConnection connection) {
        byDomain.put(connection.domain(), connection);
    }

    public ShopConnection require(String domain) {
        ShopConnection connection = domain == null ? null : byDomain.get(domain.trim().toLowerCase());
        if (connection == null) {
            throw new UnknownShopException(domain, new TreeSet<>(byDomain.keySet()));
        }
        return connection;
    }

    /** Whether the shop is one we sync (configured, or registered at start-up like dev mode's simulated shop). */
    public boolean knows(String domain) {
        return domain != null && byDomain.containsKey(domain.trim().toLowerCase());
    }

    public java.util.Collection<ShopConnection> all() {
        return byDomain.values();
    }

    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    private static ShopConnection fromConfig(String name, ShopsConfig.Shop shop) {
        String domain = shop.domain().trim().toLowerCase();
        URI base = URI.create(shop.baseUrl().orElse("https://" + domain));
        return new ShopConnection(domain, shop.apiVersion(), base, token(name, shop));
    }

    private static AccessToken token(String name, ShopsConfig.Shop shop) {
        Optional<String> direct = shop.accessToken().filter(t -> !t.isBlank());
        if (direct.isPresent()) {
            return new AccessToken(direct.get());
        }
        if (shop.accessTokenEnv().isPresent()) {
            String variable = shop.accessTokenEnv().get();
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("shop '" + name + "': environment variable " + variable
                        + " (shopsync.shops." + name + ".access-token-env) is not set");
            }
            return new AccessToken(value);
        }
        throw new IllegalStateException("shop '" + name + "' has no access token: set shopsync.shops." + name
                + ".access-token (e.g. from an environment variable) or shopsync.shops." + name + ".access-token-env");
    }
}
