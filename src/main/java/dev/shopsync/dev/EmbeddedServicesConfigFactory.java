package dev.shopsync.dev;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Chooses, in dev and test modes only, where PostgreSQL and Redis come from, in a fixed order: URLs the user
 * configured, then Quarkus Dev Services (Docker), then real embedded servers ({@link EmbeddedServers}) when there is
 * neither. {@code shopsync.dev.embedded=true} forces the embedded ones (over configured URLs too), {@code false}
 * forbids them. Runs before the datasource and Redis clients exist, because it is configuration.
 */
public class EmbeddedServicesConfigFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(EmbeddedServicesConfigFactory.class);
    /** Above system properties (400) when forced: the switch wins over the environment's URLs. */
    private static final int FORCED_ORDINAL = 450;
    /** Below application.properties: only keys nobody set are filled in. */
    private static final int DEFAULT_ORDINAL = 200;
    /** Set once the choice was logged: configuration is read several times per JVM, the line is written once. */
    private static final String LOGGED = "shopsync-embedded.logged";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!profiles.contains("dev") && !profiles.contains("test")) {
            return List.of();
        }
        String switchValue = value(context, "shopsync.dev.embedded");
        if ("false".equalsIgnoreCase(switchValue)) {
            once("embedded PostgreSQL/Redis forbidden by shopsync.dev.embedded=false");
            return List.of();
        }
        boolean forced = "true".equalsIgnoreCase(switchValue);
        boolean needPostgres = forced || value(context, "quarkus.datasource.jdbc.url") == null;
        boolean needRedis = forced || value(context, "quarkus.redis.hosts") == null;
        if (!needPostgres && !needRedis) {
            return List.of();
        }
        boolean containerRuntime = containerRuntime();
        if (!forced && containerRuntime) {
            once("PostgreSQL/Redis from Quarkus Dev Services: no URL configured and a container runtime answers");
            return List.of();
        }
        once(forced ? "embedded PostgreSQL and Redis: forced by shopsync.dev.embedded=true"
                : "embedded " + (needPostgres ? needRedis ? "PostgreSQL and Redis" : "PostgreSQL" : "Redis")
                        + ": no URL configured and no container runtime (Docker) answers");
        Map<String, String> config = new LinkedHashMap<>(EmbeddedServers.start(needPostgres, needRedis));
        if (!containerRuntime) {
            // No Dev Service can start a container here; asking would only print Testcontainers' ERROR about a
            // missing Docker. The Lambda mock event server is not a container and starts all the same.
            config.put("quarkus.devservices.enabled", "false");
        }
        return List.of(new PropertiesConfigSource(config, "shopsync-embedded-services",
                forced ? FORCED_ORDINAL : DEFAULT_ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(DEFAULT_ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    /** Whether a Docker-compatible engine answers (its socket alone is not enough: the daemon may be stopped). */
    private static boolean containerRuntime() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank() && !host.startsWith("unix://")) {
            return true; // a TCP engine: trust the setting, Dev Services will say if it does not answer
        }
        Path socket = Path.of(host != null && host.startsWith("unix://") ? host.substring("unix://".length())
                : "/var/run/docker.sock");
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(64);
            channel.read(answer);
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).contains(" 200 ");
        } catch (IOException e) {
            return false;
        }
    }

    private static void once(String message) {
        synchronized (System.getProperties()) {
            if (System.getProperty(LOGGED) == null) {
                LOG.info("shopsync: " + message);
                System.setProperty(LOGGED, "true");
            }
        }
    }
}
