package dev.shopsync.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads logins (JSON {@code username}/{@code password}, the shape of RDS-managed secrets) from AWS Secrets Manager and
 * keeps each for {@code shopsync.logins.ttl}: a warm container asks once per TTL, not once per connection. Errors name
 * the secret, never its content.
 */
@ApplicationScoped
public class LoginSecrets {

    private record Cached(Login login, Instant expires) {
    }

    private final Supplier<SecretsManagerClient> client;
    private final Duration ttl;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public LoginSecrets(LoginsConfig config, Clock clock) {
        this(lazy(() -> client(config)), config.ttl(), clock);
    }

    /** With a client of the caller's (tests point it at a stand-in). */
    public LoginSecrets(Supplier<SecretsManagerClient> client, Duration ttl, Clock clock) {
        this.client = client;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** @throws IllegalStateException when the secret cannot be read or is not a login */
    public Login login(String secretId) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretId);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.login();
        }
        Login login = read(secretId);
        cache.put(secretId, new Cached(login, now.plus(ttl)));
        return login;
    }

    private Login read(String secretId) {
        String secret;
        try {
            secret = client.get().getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read the login secret '" + secretId + "': "
                    + e.getClass().getSimpleName(), e);
        }
        try {
            JsonNode fields = json.readTree(secret == null ? "" : secret);
            JsonNode username = fields == null ? null : fields.path("username");
            JsonNode password = fields == null ? null : fields.path("password");
            if (username != null && username.isTextual() && !username.asText().isBlank()
                    && password.isTextual() && !password.asText().isEmpty()) {
                return new Login(username.asText(), password.asText());
            }
        } catch (Exception e) {
            // fall through: the message below must not quote the secret
        }
        throw new IllegalStateException("the login secret '" + secretId
                + "' is not a JSON object with a non-blank \"username\" and a \"password\"");
    }

    private static SecretsManagerClient client(LoginsConfig config) {
        return new SecretsManagerClientSettings(config.secretsManagerEndpoint(), config.region(),
                config.secretsManagerAnonymous()).client();
    }

    /** Builds the client on first use: a function that never reads a login never builds one. */
    private static Supplier<SecretsManagerClient> lazy(Supplier<SecretsManagerClient> factory) {
        return new Supplier<>() {
            private volatile SecretsManagerClient built;

            @Override
            public SecretsManagerClient get() {
                if (built == null) {
                    synchronized (this) {
                        if (built == null) {
                            built = factory.get();
                        }
                    }
                }
                return built;
            }
        };
    }
}
