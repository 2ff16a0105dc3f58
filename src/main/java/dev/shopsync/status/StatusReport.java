package dev.shopsync.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.shopsync.bulk.BulkJob;
import dev.shopsync.bulk.BulkJobStore;
import dev.shopsync.persistence.PersistenceFailure;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.state.Cursor;
import dev.shopsync.state.CursorStore;
import dev.shopsync.sync.ResourceSyncer;

/**
 * The status of every resource of every shop (or of one shop): watermark and lag from the cursors in Redis, live
 * rows and the last slice from PostgreSQL, and the bulk backfill. Two statements per shop plus one count per
 * resource: it is read by people, not in a loop.
 */
@ApplicationScoped
public class StatusReport {

    private static final String LAST_RUNS = "SELECT DISTINCT ON (resource) resource, mode, outcome, ended_at, "
            + "records, error FROM sync_run WHERE shop_id = ? ORDER BY resource, ended_at DESC";

    private final ShopDirectory shops;
    private final ShopRegistry registry;
    private final Map<String, ResourceSyncer<?>> syncers;
    private final CursorStore cursors;
    private final BulkJobStore bulkJobs;
    private final DataSource dataSource;
    private final Clock clock;

    public StatusReport(ShopDirectory shops, ShopRegistry registry, Instance<ResourceSyncer<?>> syncers,
            CursorStore cursors, BulkJobStore bulkJobs, DataSource dataSource, Clock clock) {
        this.shops = shops;
        this.registry = registry;
        this.syncers = syncers.stream().collect(Collectors.toMap(ResourceSyncer::resource, Function.identity(),
                (a, b) -> a, TreeMap::new));
        this.cursors = cursors;
        this.bulkJobs = bulkJobs;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Every shop's resources, or one shop's ({@code shop} present); an unknown shop is an error. */
    public List<ResourceStatus> of(Optional<String> shop) {
        List<ShopConnection> selected = shop.map(domain -> List.of(shops.require(domain)))
                .orElseGet(() -> List.copyOf(shops.all()));
        List<ResourceStatus> all = new ArrayList<>();
        Instant now = clock.instant();
        for (ShopConnection connection : selected) {
            long shopId = registry.idOf(connection);
            Map<String, ResourceStatus.LastRun> lastRuns = lastRuns(shopId);
            for (ResourceSyncer<?> syncer : syncers.values()) {
                String resource = syncer.resource();
                Instant watermark = cursors.load(connection.domain(), resource).map(Cursor::watermark).orElse(null);
                all.add(new ResourceStatus(connection.domain(), resource, watermark,
                        watermark == null ? null : Duration.between(watermark, now).toSeconds(),
                        rows(syncer.table(), shopId), lastRuns.get(resource),
                        bulkJobs.load(connection.domain(), resource).map(StatusReport::backfill).orElse(null)));
            }
        }
        return all;
    }

    private static ResourceStatus.Backfill backfill(BulkJob job) {
        return new ResourceStatus.Backfill(job.complete(), job.windowStart(), job.windowEnd(), job.upperBound(),
                job.operationId(), job.status() == null ? null : job.status().name(), job.linesPersisted(),
                job.objectCount());
    }

    private Map<String, ResourceStatus.LastRun> lastRuns(long shopId) {
        Map<String, ResourceStatus.LastRun> runs = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LAST_RUNS)) {
            statement.setLong(1, shopId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    runs.put(row.getString(1), new ResourceStatus.LastRun(row.getString(2), row.getString(3),
                            row.getTimestamp(4).toInstant(), row.getLong(5), row.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading the last runs of shop " + shopId, e);
        }
        return runs;
    }

    private long rows(String table, long shopId) {
        // the table name comes from the syncers, never from the request
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE shop_id = ? AND deleted_at IS NULL")) {
            statement.setLong(1, shopId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("counting " + table + " of shop " + shopId, e);
        }
    }
}
