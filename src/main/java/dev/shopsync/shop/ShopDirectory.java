package dev.shopsync.shop;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The shops this deployment syncs: those configured under {@code shopsync.shops}, those registered in the
 * {@code shop} table, plus shops registered at start-up (the dev-mode simulator registers its simulated shop here).
 */
@ApplicationScoped
public class ShopDirectory {

    private final Map<String, ShopConnection> byDomain = new ConcurrentHashMap<>();
    private final StoredShops stored;
    private final ShopSecrets secrets;

    public ShopDirectory(ShopsConfig config, StoredShops stored, ShopSecrets secrets) {
        this.stored = stored;
        this.secrets = secrets;
        config.shops().forEach((name, shop) -> register(fromConfig(name, shop)));
    }

    public void register(ShopConnection connection) {
        byDomain.put(connection.domain(), connection);
    }

    /**
     * A configured shop, or one registered in the {@code shop} table (its token read from its secret store).
     *
     * @throws UnknownShopException when it is neither (the message lists the configured shops)
     */
    public ShopConnection require(String domain) {
        String key = domain == null ? null : domain.trim().toLowerCase();
        ShopConnection connection = key == null ? null : byDomain.get(key);
        if (connection != null) {
            return connection;
        }
        StoredShop shop = key == null ? null : stored.all(false).get(key);
        if (shop == null && key != null) {
            // registered a moment ago: the cached list does not have it yet
            shop = stored.all(true).get(key);
        }
        if (shop == null) {
            throw new UnknownShopException(domain, new TreeSet<>(byDomain.keySet()));
        }
        return fromTable(shop);
    }

    /** Whether the shop is one we sync (configured, registered at start-up, or registered in the shop table). */
    public boolean knows(String domain) {
        if (domain == null) {
            return false;
        }
        String key = domain.trim().toLowerCase();
        return byDomain.containsKey(key) || stored.all(false).containsKey(key);
    }

    /**
     * Every shop: configured ones, then those registered in the table, uninstalled ones included (the planner
     * decides what each is due). No token is read here: a registered shop's token is read by the first Shopify
     * call that needs it.
     */
    public java.util.Collection<ShopConnection> all() {
        java.util.List<ShopConnection> all = new java.util.ArrayList<>(byDomain.values());
        for (StoredShop shop : stored.all(false).values()) {
            if (!byDomain.containsKey(shop.domain())) {
                all.add(fromTable(shop));
            }
        }
        return all;
    }

    private ShopConnection fromTable(StoredShop shop) {
        URI base = URI.create(shop.baseUrl() == null ? "https://" + shop.domain() : shop.baseUrl());
        return new ShopConnection(shop.domain(), shop.apiVersion(), base, new LazyToken(() -> secrets.token(shop)));
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
