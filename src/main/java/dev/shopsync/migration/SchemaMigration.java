package dev.shopsync.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Migrates the schema with the migration login, then lets the functions' login use it and nothing more: DML on every
 * table and sequence of the schema (now and, by default privileges, those later migrations create), no DDL, and the
 * migration history read-only. Refuses an application role that could change the schema (superuser, owner of a
 * table, or the migration login itself), since the grants could not make it DML-only.
 */
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    /** PostgreSQL role names as an unquoted identifier may spell them; anything else is refused, not escaped. */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private final Flyway flyway;
    private final DataSource dataSource;

    /** @param dataSource connects with the migration login, the same one {@code flyway} migrates with */
    public SchemaMigration(Flyway flyway, DataSource dataSource) {
        this.flyway = flyway;
        this.dataSource = dataSource;
    }

    /** @return the schema version after the migration ("empty" when there is no migration at all) */
    public String migrateAndGrant(String appRole) throws SQLException {
        if (!ROLE.matcher(appRole).matches()) {
            throw new IllegalArgumentException("the application role '" + appRole + "' is not a plain identifier");
        }
        MigrateResult result = flyway.migrate();
        LOG.infof("schema migrated: %d migration(s) executed", result.migrationsExecuted);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                grant(connection, appRole);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return flyway.info().current() == null ? "empty" : flyway.info().current().getVersion().getVersion();
    }

    private void grant(Connection connection, String appRole) throws SQLException {
        String schema = schema(connection);
        refuseSchemaChangingRole(connection, appRole, schema);
        String s = quote(schema);
        String r = quote(appRole);
        List<String> statements = new ArrayList<>(List.of(
                // before PostgreSQL 15 every role may create in public; DML-only means nobody but the owner does
                "REVOKE CREATE ON SCHEMA " + s + " FROM PUBLIC",
                "GRANT USAGE ON SCHEMA " + s + " TO " + r,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + s + " TO " + r,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + s + " TO " + r,
                // tables the migration login creates later are granted as they appear
                "ALTER DEFAULT PRIVILEGES IN SCHEMA " + s + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + r,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA " + s + " GRANT USAGE, SELECT ON SEQUENCES TO " + r));
        String history = flyway.getConfiguration().getTable();
        if (tableExists(connection, schema, history)) {
            statements.add("REVOKE INSERT, UPDATE, DELETE ON TABLE " + s + "." + quote(history) + " FROM " + r);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        LOG.infof("granted DML on schema %s to role %s", schema, appRole);
    }

    private String schema(Connection connection) throws SQLException {
        String configured = flyway.getConfiguration().getDefaultSchema();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void refuseSchemaChangingRole(Connection connection, String appRole, String schema)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT r.rolsuper, r.rolname = current_user,
                       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND c.relowner = r.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S'))
                FROM pg_roles r WHERE r.rolname = ?""")) {
            query.setString(1, schema);
            query.setString(2, appRole);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the application role '" + appRole + "' does not exist");
                }
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("the application role '" + appRole
                            + "' is a superuser: it cannot be limited to DML");
                }
                if (rs.getBoolean(2)) {
                    throw new IllegalStateException("the application login is the migration login ('" + appRole
                            + "'): the functions need a DML-only role of their own");
                }
                if (rs.getLong(3) > 0) {
                    throw new IllegalStateException("the application role '" + appRole + "' owns " + rs.getLong(3)
                            + " relation(s) in schema " + schema + " and could alter them: REASSIGN OWNED BY "
                            + appRole + " TO <migration role> first");
                }
            }
        }
    }

    private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = ?")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
