package dev.shopsync.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.PersistenceFailure;

/**
 * The shops registered in the {@code shop} table with a token secret, active or not (an uninstalled shop's
 * compliance webhooks must still be verified), re-read every {@code shops-ttl}.
 */
@ApplicationScoped
public class StoredShops {

    private static final String REGISTERED = "SELECT domain, api_version, secret_source, secret_id, base_url, "
            + "webhook_secret_source, webhook_secret_id, active FROM shop WHERE secret_id IS NOT NULL ORDER BY domain";

    private final DataSource dataSource;
    private final SecretsConfig config;
    private final Clock clock;
    private volatile Map<String, StoredShop> shops = Map.of();
    private volatile Instant readAt = Instant.MIN;

    public StoredShops(DataSource dataSource, SecretsConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /** By domain; read again when older than the TTL, or at once with {@code fresh}. */
    public Map<String, StoredShop> all(boolean fresh) {
        Instant now = clock.instant();
        if (fresh || readAt.plus(config.shopsTtl()).isBefore(now)) {
            shops = read();
            readAt = now;
        }
        return shops;
    }

    private Map<String, StoredShop> read() {
        Map<String, StoredShop> read = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(REGISTERED);
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                read.put(row.getString(1), new StoredShop(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getBoolean(8)));
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading the registered shops", e);
        }
        return Map.copyOf(read);
    }
}
