package dev.shopsync.sync.location;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.persistence.PersistenceFailure;
import dev.shopsync.sync.ResourceSyncer;

/** Writes a page of locations in one transaction (monotonic guard), and reconciles their id set. */
@ApplicationScoped
public class LocationPageWriter {

    private final DataSource dataSource;
    private final IdReconciler reconciler = new IdReconciler("location");
    private final BulkUpsert<LocationRow> locations = BulkUpsert.<LocationRow>into("location")
            .column("id", "bigint", LocationRow::id)
            .column("gid", "text", LocationRow::gid)
            .column("name", "text", LocationRow::name)
            .column("is_active", "boolean", LocationRow::isActive)
            .column("fulfills_online_orders", "boolean", LocationRow::fulfillsOnlineOrders)
            .column("ships_inventory", "boolean", LocationRow::shipsInventory)
            .column("address1", "text", LocationRow::address1)
            .column("city", "text", LocationRow::city)
            .column("province_code", "text", LocationRow::provinceCode)
            .column("country_code", "text", LocationRow::countryCode)
            .column("zip", "text", LocationRow::zip)
            .column("created_at", "timestamptz", LocationRow::createdAt)
            .column("updated_at", "timestamptz", LocationRow::updatedAt)
            .column("raw", "jsonb", LocationRow::raw)
            .guardedBy("updated_at")
            .build();

    public LocationPageWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public int write(long shopId, List<LocationRow> rows) {
        try (Connection connection = dataSource.getConnection()) {
            return locations.execute(connection, shopId, rows).size();
        } catch (SQLException e) {
            throw new PersistenceFailure("writing " + rows.size() + " locations of shop " + shopId, e);
        }
    }

    @Transactional
    public ResourceSyncer.Reconciled reconcile(long shopId, long afterId, Long upToId, List<Long> shopifyIds) {
        try (Connection connection = dataSource.getConnection()) {
            IdReconciler.Outcome outcome = reconciler.reconcile(connection, shopId, afterId, upToId, shopifyIds);
            return new ResourceSyncer.Reconciled(outcome.softDeleted(), outcome.missing());
        } catch (SQLException e) {
            throw new PersistenceFailure("reconciling locations of shop " + shopId, e);
        }
    }
}
