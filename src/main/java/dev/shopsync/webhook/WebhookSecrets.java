package dev.shopsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.shop.SecretStore;
import dev.shopsync.shop.SecretUnavailableException;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopsConfig;
import dev.shopsync.shop.StoredShop;
import dev.shopsync.shop.StoredShops;

/**
 * Which secrets may have signed a shop's webhooks: the shop's own (current, then previous) or else the app's
 * (current, then previous). A shop registered in the shop table names its own in {@code webhook_secret_id}, a
 * secret apart from its Admin token: this function never reads tokens, and an uninstalled shop (inactive, its
 * token revoked or its token secret deleted) still gets its compliance webhooks verified. A shop we do not know
 * has none, so its deliveries are refused.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final Map<String, List<byte[]>> ownByShop = new HashMap<>();
    private final List<byte[]> configuredApp;
    private final WebhookConfig config;
    private final ShopDirectory directory;
    private final StoredShops stored;
    private final SecretStore store;
    private final ObjectMapper json;

    public WebhookSecrets(ShopsConfig shops, WebhookConfig config, ShopDirectory directory, StoredShops stored,
            SecretStore store, ObjectMapper json) {
        this.configuredApp = secrets(config.appSecret(), config.appSecretPrevious());
        this.config = config;
        this.directory = directory;
        this.stored = stored;
        this.store = store;
        this.json = json;
        shops.shops().values().forEach(shop -> {
            List<byte[]> own = secrets(shop.webhookSecret(), shop.webhookSecretPrevious());
            if (!own.isEmpty()) {
                ownByShop.put(shop.domain().trim().toLowerCase(Locale.ROOT), own);
            }
        });
    }

    /**
     * The candidate secrets for a shop domain; empty for a shop we do not know.
     *
     * @throws SecretUnavailableException when a secret store cannot be read now, or a secret does not hold what it
     *                                    should (the delivery is answered 503 so Shopify retries it)
     */
    public List<byte[]> of(String shopDomain) {
        if (!directory.knows(shopDomain)) {
            return List.of();
        }
        String domain = shopDomain.trim().toLowerCase(Locale.ROOT);
        List<byte[]> own = ownByShop.get(domain);
        if (own != null) {
            return own;
        }
        StoredShop registered = stored.all(false).get(domain);
        if (registered != null && registered.webhookSecretId() != null) {
            return fromStore(registered);
        }
        return app();
    }

    private List<byte[]> fromStore(StoredShop shop) {
        String secret = store.read(shop.webhookSecretSource(), shop.webhookSecretId());
        if (SecretStore.SSM.equals(shop.webhookSecretSource())) {
            return nonBlank(secret, null, "shop " + shop.domain() + ": parameter '" + shop.webhookSecretId() + "'");
        }
        JsonNode fields = jsonObject(secret);
        return nonBlank(text(fields, "webhookSecret"), text(fields, "webhookSecretPrevious"),
                "shop " + shop.domain() + ": secret '" + shop.webhookSecretId() + "' (\"webhookSecret\")");
    }

    private List<byte[]> app() {
        if (config.appSecretId().isEmpty()) {
            return configuredApp;
        }
        String id = config.appSecretId().get();
        String secret = store.read(SecretStore.SECRETS_MANAGER, id);
        JsonNode fields = secret != null && secret.trim().startsWith("{") ? jsonObject(secret) : null;
        if (fields == null) {
            return nonBlank(secret, null, "the app secret '" + id + "'");
        }
        return nonBlank(text(fields, "secret"), text(fields, "previousSecret"), "the app secret '" + id
                + "' (\"secret\")");
    }

    private JsonNode jsonObject(String secret) {
        try {
            JsonNode node = json.readTree(secret);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (Exception e) {
            // never quote the secret: an unreadable one is an empty one
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.path(name);
        return value.isTextual() ? value.asText() : null;
    }

    private static List<byte[]> nonBlank(String current, String previous, String what) {
        List<byte[]> secrets = secrets(Optional.ofNullable(current), Optional.ofNullable(previous));
        if (secrets.isEmpty() || current == null || current.isBlank()) {
            throw new SecretUnavailableException(what + " holds no webhook secret");
        }
        return secrets;
    }

    private static List<byte[]> secrets(Optional<String> current, Optional<String> previous) {
        List<byte[]> secrets = new ArrayList<>(2);
        current.filter(s -> !s.isBlank()).ifPresent(s -> secrets.add(s.getBytes(StandardCharsets.UTF_8)));
        previous.filter(s -> !s.isBlank()).ifPresent(s -> secrets.add(s.getBytes(StandardCharsets.UTF_8)));
        return List.copyOf(secrets);
    }
}
