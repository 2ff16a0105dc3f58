package dev.shopsync.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The columns every table of a Shopify object has: the {@code (shop_id, id)} key, the GID, Shopify's
 * timestamps, our soft delete and sync time, and the whole GraphQL node as {@code jsonb}.
 */
@MappedSuperclass
public abstract class ShopifyRecordEntity extends PanacheEntityBase {

    @Id
    @Column(name = "shop_id")
    public Long shopId;

    @Id
    public Long id;

    public String gid;

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
