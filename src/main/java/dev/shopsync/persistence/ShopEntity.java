package dev.shopsync.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of {@code shop}. */
@Entity
@Table(name = "shop")
public class ShopEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String domain;

    public String plan;

    @Column(name = "api_version", nullable = false)
    public String apiVersion;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "token_secret_ref")
    public String tokenSecretRef;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false)
    public OffsetDateTime updatedAt;
}
