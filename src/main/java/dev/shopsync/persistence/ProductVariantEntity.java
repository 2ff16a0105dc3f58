package dev.shopsync.persistence;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Read model of {@code product_variant}; writes go through {@code ProductPageWriter}. */
@Entity
@Table(name = "product_variant")
@IdClass(ShopScopedKey.class)
public class ProductVariantEntity extends ShopifyRecordEntity {

    @Column(name = "product_id")
    public Long productId;

    public String title;
    public String sku;
    public String barcode;
    public BigDecimal price;

    @Column(name = "compare_at_price")
    public BigDecimal compareAtPrice;

    @Column(name = "inventory_quantity")
    public Integer inventoryQuantity;

    public Integer position;
    public Boolean taxable;
}
