package dev.shopsync.shop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.persistence.ShopEntity;

/** Maps a shop domain to its {@code shop.id}, creating the row on first sight. */
@ApplicationScoped
public class ShopRegistry {

    /** Shop ids never change once assigned, so a warm container can keep them. */
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    public long idOf(ShopConnection shop) {
        Long known = ids.get(shop.domain());
        if (known != null) {
            return known;
        }
        long id = ensureRow(shop);
        ids.put(shop.domain(), id);
        return id;
    }

    @Transactional
    long ensureRow(ShopConnection shop) {
        ShopEntity.getEntityManager()
                .createNativeQuery("INSERT INTO shop (domain, api_version) VALUES (?1, ?2) "
                        + "ON CONFLICT (domain) DO UPDATE SET api_version = excluded.api_version, updated_at = now() "
                        + "WHERE shop.api_version IS DISTINCT FROM excluded.api_version")
                .setParameter(1, shop.domain())
                .setParameter(2, shop.apiVersion())
                .executeUpdate();
        return ShopEntity.find("domain", shop.domain()).<ShopEntity>singleResult().id;
    }

    /** An uninstall Shopify confirmed (it refused the shop's token): no longer synced; data stays until shop/redact. */
    @Transactional
    public void deactivate(long shopId) {
        ShopEntity.getEntityManager()
                .createNativeQuery("UPDATE shop SET active = false, uninstalled_at = now(), updated_at = now() "
                        + "WHERE id = ?1")
                .setParameter(1, shopId)
                .executeUpdate();
    }

    /** A reinstall Shopify confirmed (it accepted the shop's token again): synced again. */
    @Transactional
    public void reactivate(long shopId) {
        ShopEntity.getEntityManager()
                .createNativeQuery("UPDATE shop SET active = true, uninstalled_at = NULL, updated_at = now() "
                        + "WHERE id = ?1 AND NOT active")
                .setParameter(1, shopId)
                .executeUpdate();
    }

    /** Whether the shop is still to be synced (it was not uninstalled). */
    @Transactional
    public boolean isActive(long shopId) {
        Object active = ShopEntity.getEntityManager().createNativeQuery("SELECT active FROM shop WHERE id = ?1")
                .setParameter(1, shopId).getSingleResult();
        return Boolean.TRUE.equals(active);
    }

    /** Forgets cached ids; tests that wipe tables call this. */
    public void forget() {
        ids.clear();
    }
}
