package dev.shopsync.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Read model of {@code product}; writes go through {@code ProductPageWriter}. */
@Entity
@Table(name = "product")
@IdClass(ProductKey.class)
public class ProductEntity extends PanacheEntityBase {

    @Id
    @Column(name = "shop_id")
    public Long shopId;

    @Id
    public Long id;

    public String gid;
    public String title;
    public String handle;
    public String status;
    public String vendor;

    @Column(name = "product_type")
    public String productType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Column(name = "synced_at")
    public OffsetDateTime syncedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public String raw;
}
