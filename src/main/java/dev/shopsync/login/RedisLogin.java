package dev.shopsync.login;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.redis.client.RedisHostsProvider;
import io.smallrye.common.annotation.Identifier;

/**
 * The Redis URL with its user, built at run time: {@code shopsync.logins.redis-endpoint} plus the user and password of
 * the secret {@code shopsync.logins.redis-secret-id}. The Quarkus Redis client takes no credentials provider, only a
 * password in configuration or a hosts provider ({@code quarkus.redis.hosts-provider-name}, used when
 * {@code quarkus.redis.hosts} is unset); it asks when it creates the client, once per container, so a new Redis
 * password reaches containers started after the change.
 */
@ApplicationScoped
// the Redis client selects its hosts provider by @Identifier (the datasource its credentials provider by @Named)
@Identifier(RedisLogin.NAME)
@Unremovable
public class RedisLogin implements RedisHostsProvider {

    /** The value of {@code quarkus.redis.hosts-provider-name}. */
    public static final String NAME = "shopsync-redis-login";

    private final LoginsConfig config;
    private final LoginSecrets secrets;

    public RedisLogin(LoginsConfig config, LoginSecrets secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    @Override
    public Set<URI> getHosts() {
        String endpoint = config.redisEndpoint().orElseThrow(() -> new IllegalStateException(
                "shopsync.logins.redis-endpoint (SHOPSYNC_LOGINS_REDIS_ENDPOINT) is not set: no Redis to connect to"));
        return Set.of(withLogin(URI.create(endpoint), config.redisSecretId().map(secrets::login).orElse(null)));
    }

    /** {@code rediss://host:port} and a login to {@code rediss://user:password@host:port}; TLS is required. */
    static URI withLogin(URI endpoint, Login login) {
        if (!"rediss".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalStateException("the Redis endpoint must be rediss://host:port (TLS), got scheme '"
                    + endpoint.getScheme() + "'");
        }
        if (endpoint.getRawUserInfo() != null) {
            throw new IllegalStateException("the Redis endpoint must not carry a user: it comes from the secret");
        }
        if (login == null) {
            return endpoint;
        }
        // the client URL-decodes user and password (vertx-redis-client RedisURI)
        String userInfo = encode(login.username()) + ":" + encode(login.password());
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        return URI.create("rediss://" + userInfo + "@" + endpoint.getHost() + port
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath()));
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
