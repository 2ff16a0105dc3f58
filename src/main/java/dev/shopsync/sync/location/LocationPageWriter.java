package dev.shopsync.sync.location;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.BulkUpsert;
import dev.shopsync.change.Changes;
import dev.shopsync.change.Entity;
import dev.shopsync.persistence.IdReconciler;
import dev.shopsync.sync.PageWriter;

/** Writes pages of locations (monotonic guard). */
@ApplicationScoped
public class LocationPageWriter extends PageWriter<LocationRow> {

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

    public LocationPageWriter(DataSource dataSource, Changes changes) {
        super(dataSource, new IdReconciler("location",
                // a location that is gone stocks nothing any more
                IdReconciler.Child.removed("inventory_level", "location_id")), "locations", changes, Entity.Kind.LOCATIONS);
    }

    /**
     * Answers show locations by name and sum stock over the active ones: any location written or gone changes the
     * one entity that stands for all of them.
     */
    @Override
    protected void changed(long shopId, java.util.Collection<Long> ids) {
        if (!ids.isEmpty()) {
            super.changed(shopId, Entity.Kind.LOCATIONS, List.of(0L));
        }
    }

    @Override
    protected int write(Connection connection, long shopId, List<LocationRow> rows) throws SQLException {
        java.util.Set<Long> applied = locations.execute(connection, shopId, rows);
        changed(shopId, applied);
        return applied.size();
    }
}
