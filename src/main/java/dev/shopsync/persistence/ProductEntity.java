package dev.shopsync.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Read model of {@code product}; writes go through {@code ProductPageWriter}. */
@Entity
@Table(name = "product")
@IdClass(ShopScopedKey.class)
public class ProductEntity extends ShopifyRecordEntity {

    public String title;
    public String handle;
    public String status;
    public String vendor;

    @Column(name = "product_type")
    public String productType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}
