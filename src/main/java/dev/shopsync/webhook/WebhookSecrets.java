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
import dev.shopsync.shop.ShopsConfig;

/**
 * Which secrets may have signed a shop's webhooks: the shop's own (current, then previous) or else the app's
 * (current, then previous). A shop that is not configured has none, so its deliveries are refused.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final Map<String, List<byte[]>> ownByShop = new HashMap<>();
    private final List<byte[]> app;
    private final ShopDirectory directory;

    public WebhookSecrets(ShopsConfig shops, WebhookConfig config, ShopDirectory directory) {
        this.app = secrets(config.appSecret(), config.appSecretPrevious());
        this.directory = directory;
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
        return ownByShop.getOrDefault(shopDomain.trim().toLowerCase(Locale.ROOT), app);
    }

    private static List<byte[]> secrets(Optional<String> current, Optional<String> previous) {
        List<byte[]> secrets = new ArrayList<>(2);
        current.filter(s -> !s.isBlank()).ifPresent(s -> secrets.add(s.getBytes(StandardCharsets.UTF_8)));
        previous.filter(s -> !s.isBlank()).ifPresent(s -> secrets.add(s.getBytes(StandardCharsets.UTF_8)));
        return List.copyOf(secrets);
    }
}
