package dev.shopsync.dev;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * A real PostgreSQL (zonky's binaries) and a real Redis (embedded-redis' binary) on free ports, data under
 * {@code target/embedded/<pid>-*} (cleaned first, so two runs on one machine never share one), stopped when the
 * JVM ends. Held per JVM, not per application: Quarkus reads its configuration several times (build, start, each
 * test profile's restart), and every read must get the same servers. Quarkus also loads this class in more than
 * one class loader, so what was started is recorded in system properties, which every loader of the JVM shares,
 * and each server is held only by the shutdown hook that stops it. Only loaded in dev and test modes; the libraries are
 * not in the Lambda artifact.
 */
final class EmbeddedServers {

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);
    /** Held here: a JUL logger's level lasts only as long as someone holds the logger. */
    private static final java.util.logging.Logger ZONKY_LOG = java.util.logging.Logger.getLogger(
            "io.zonky.test.db.postgres");
    /** System properties shared by every class loader of the JVM: what runs, and where. */
    private static final String POSTGRES_URL = "shopsync-embedded.postgres.jdbc-url";
    private static final String REDIS_HOSTS = "shopsync-embedded.redis.hosts";

    private EmbeddedServers() {
    }

    /** Starts what is asked for and not started yet; the Quarkus settings pointing at both. */
    static synchronized Map<String, String> start(boolean withPostgres, boolean withRedis) {
        Path root = Path.of("target", "embedded").toAbsolutePath();
        String run = String.valueOf(ProcessHandle.current().pid());
        try {
            removeLeftovers(root);
            if (withPostgres && System.getProperty(POSTGRES_URL) == null) {
                long began = System.nanoTime();
                Path data = clean(root.resolve(run + "-postgres"));
                // initdb and the server's start-up lines are ~40 INFO lines before anything useful; failures
                // still surface as the exception below
                ZONKY_LOG.setLevel(java.util.logging.Level.WARNING);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data)
                        .setCleanDataDirectory(true).start();
                stopAtExit("PostgreSQL", postgres::close);
                System.setProperty(POSTGRES_URL, postgres.getJdbcUrl("postgres", "postgres"));
                LOG.infof("embedded PostgreSQL on port %d, data in %s, started in %.1f s", postgres.getPort(), data,
                        (System.nanoTime() - began) / 1e9);
            }
            if (withRedis && System.getProperty(REDIS_HOSTS) == null) {
                long began = System.nanoTime();
                Path data = clean(root.resolve(run + "-redis"));
                int port = freePort();
                RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                        .setting("appendonly no").setting("dir " + data).build();
                redis.start();
                stopAtExit("Redis", redis::stop);
                System.setProperty(REDIS_HOSTS, "redis://127.0.0.1:" + port);
                LOG.infof("embedded Redis on port %d, started in %.1f s", port, (System.nanoTime() - began) / 1e9);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL/Redis", e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (withPostgres) {
            config.put("quarkus.datasource.jdbc.url", System.getProperty(POSTGRES_URL));
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "");
        }
        if (withRedis) {
            config.put("quarkus.redis.hosts", System.getProperty(REDIS_HOSTS));
        }
        return config;
    }

    /** A server to stop when the JVM ends; the hook holds it, so nothing here keeps state between reads. */
    private static void stopAtExit(String name, Closeable server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                // the JVM ends anyway; its data directory goes at the next start
            }
        }, "embedded-" + name + "-stop"));
    }

    /** Directories of runs whose JVM is gone (killed before it could clean up); live runs' are left alone. */
    private static void removeLeftovers(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> runs = Files.list(root)) {
            for (Path directory : runs.toList()) {
                String name = directory.getFileName().toString();
                String pid = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
                boolean alive = pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).isPresent();
                if (!alive) {
                    clean(directory);
                    Files.delete(directory);
                }
            }
        }
    }

    private static Path clean(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
