package dev.shopsync.shop;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.login.SecretsManagerClientSettings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Reads secret strings from AWS Secrets Manager or SSM Parameter Store (SecureString, decrypted) and keeps each in
 * memory for {@code shopsync.secrets.ttl}, so a warm container does not ask on every invocation. Which secrets a
 * function may read at all is decided by its IAM role; this class only reads what it is asked for. Values are
 * never logged, and errors name the secret, never its content.
 */
@ApplicationScoped
public class SecretStore {

    public static final String SECRETS_MANAGER = "secretsmanager";
    public static final String SSM = "ssm";

    private record Cached(String value, Instant expires) {
    }

    private final SsmClient ssm;
    private final SecretsConfig config;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient secretsManager;

    public SecretStore(SsmClient ssm, SecretsConfig config, Clock clock) {
        this.ssm = ssm;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param source {@code secretsmanager} or {@code ssm}
     * @param id     the secret's name or ARN, or the parameter's name
     * @throws SecretUnavailableException when the store cannot be asked or refuses (unknown secret, denied,
     *                                    unreachable): a condition that may pass, so callers answer "try again"
     */
    public String read(String source, String id) {
        String key = source + ":" + id;
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.value();
        }
        String value = fetch(source, id);
        cache.put(key, new Cached(value, now.plus(config.ttl())));
        return value;
    }

    private String fetch(String source, String id) {
        try {
            return switch (source) {
                case SSM -> ssm.getParameter(b -> b.name(id).withDecryption(true)).parameter().value();
                case SECRETS_MANAGER -> secretsManager().getSecretValue(b -> b.secretId(id)).secretString();
                default -> throw new SecretUnavailableException("unknown secret source '" + source + "'");
            };
        } catch (SdkException e) {
            throw new SecretUnavailableException("cannot read " + source + " '" + id + "': "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            synchronized (this) {
                if (secretsManager == null) {
                    secretsManager = new SecretsManagerClientSettings(config.secretsManagerEndpoint(), config.region(),
                            config.secretsManagerAnonymous()).client();
                }
            }
        }
        return secretsManager;
    }
}
