package dev.shopsync.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One sync slice, as recorded in {@code sync_run}. */
@Entity
@Table(name = "sync_run")
public class SyncRunEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "shop_id", nullable = false)
    public Long shopId;

    public String resource;
    public String mode;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    public int pages;
    public int records;

    @Column(name = "cost_spent")
    public int costSpent;

    @Column(name = "throttled_ms")
    public long throttledMs;

    @Column(name = "has_more")
    public boolean hasMore;

    public String outcome;
    public String error;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "cursor_before")
    public String cursorBefore;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "cursor_after")
    public String cursorAfter;
}
