package dev.shopsync.persistence;

import java.io.Serializable;
import java.util.Objects;

/** Composite key of every Shopify object table: {@code (shop_id, id)}. */
public class ShopScopedKey implements Serializable {

    public Long shopId;
    public Long id;

    public ShopScopedKey() {
    }

    public ShopScopedKey(Long shopId, Long id) {
        this.shopId = shopId;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShopScopedKey other && Objects.equals(shopId, other.shopId) && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shopId, id);
    }
}
