package dev.shopsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopSecrets;
import dev.shopsync.shop.ShopsConfig;
import dev.shopsync.shop.StoredShop;
import dev.shopsync.shop.StoredShops;

/**
 * Which secrets may have signed a shop's webhooks: the shop's own (current, then previous) or else the app's
 * (current, then previous). A shop registered in the shop table may keep its own in its token's secret. A shop
 * we do not sync has none, so its deliveries are refused.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final Map<String, List<byte[]>> ownByShop = new HashMap<>();
    private final List<byte[]> app;
    private final ShopDirectory directory;
    private final StoredShops stored;
    private final ShopSecrets shopSecrets;

    public WebhookSecrets(ShopsConfig shops, WebhookConfig config, ShopDirectory directory, StoredShops stored,
            ShopSecrets shopSecrets) {
        this.app = secrets(config.appSecret(), config.appSecretPrevious());
        this.directory = directory;
        this.stored = stored;
        this.shopSecrets = shopSecrets;
        shops.shops().values().forEach(shop -> {
            List<byte[]> own = secrets(shop.webhookSecret(), shop.webhookSecretPrevious());
            if (!own.isEmpty()) {
                ownByShop.put(shop.domain().trim().toLowerCase(Locale.ROOT), own);
            }
        });
    }

    /** The candidate secrets for a shop domain; empty for a shop we do not sync. */
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
        if (registered != null) {
            // a registered shop's own secrets come with its token; a secret that cannot be read signs nothing
            try {
                List<String> fromStore = shopSecrets.webhookSecrets(registered);
                if (!fromStore.isEmpty()) {
                    return fromStore.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
                }
            } catch (IllegalStateException e) {
                return List.of();
            }
        }
        return app;
    }

    private static List<byte[]> secrets(Optional<String> current, Optional<String> previous) {
        List<byte[]> secrets = new ArrayList<>(2);
        current.filter(s -> !s.isBlank()).ifPresent(s -> secrets.add(s.getBytes(StandardCharsets.UTF_8)));
        previous.filter(s -> !s.isBlank()).ifPresent(s -> secrets.add(s.getBytes(StandardCharsets.UTF_8)));
        return List.copyOf(secrets);
    }
}
