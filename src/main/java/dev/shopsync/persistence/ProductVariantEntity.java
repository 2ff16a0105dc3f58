package dev.shopsync.persistence;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Read model of {@code product_variant}; writes go through {@code ProductPageWriter}. */
@Entity
@Table(name = "product_variant")
@IdClass(ProductKey.class)
public class ProductVariantEntity extends PanacheEntityBase {

    @Id
    @Column(name = "shop_id")
    public Long shopId;

    @Id
    public Long id;

    @Column(name = "product_id")
    public Long productId;

    public String gid;
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

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Column(name = "synced_at")
    public OffsetDateTime syncedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public String raw;
}
