package dev.shopsync.shop;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Reads the Admin API token of a registered shop from AWS Secrets Manager or SSM Parameter Store, and keeps it in
 * memory for {@code shopsync.secrets.ttl} (a warm container does not ask for it on every invocation). The token is
 * never logged, and errors name the secret, never its value.
 */
@ApplicationScoped
public class ShopSecrets {

    private record Cached(AccessToken token, Instant expires) {
    }

    private final SsmClient ssm;
    private final SecretsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient secretsManager;

    public ShopSecrets(SsmClient ssm, SecretsConfig config, ObjectMapper json, Clock clock) {
        this.ssm = ssm;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** @throws IllegalStateException when the secret cannot be read or holds no token */
    public AccessToken token(StoredShop shop) {
        String key = shop.secretSource() + ":" + shop.secretId();
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.token();
        }
        AccessToken token = read(shop);
        cache.put(key, new Cached(token, now.plus(config.ttl())));
        return token;
    }

    private AccessToken read(StoredShop shop) {
        try {
            return switch (shop.secretSource()) {
                case "ssm" -> new AccessToken(ssm.getParameter(b -> b.name(shop.secretId()).withDecryption(true))
                        .parameter().value());
                case "secretsmanager" -> fromSecret(shop, secretsManager().getSecretValue(
                        b -> b.secretId(shop.secretId())).secretString());
                default -> throw new IllegalStateException("shop " + shop.domain() + ": unknown secret source '"
                        + shop.secretSource() + "'");
            };
        } catch (SdkException e) {
            throw new IllegalStateException("shop " + shop.domain() + ": cannot read its token from "
                    + shop.secretSource() + " '" + shop.secretId() + "': " + e.getClass().getSimpleName(), e);
        }
    }

    private AccessToken fromSecret(StoredShop shop, String secret) {
        try {
            JsonNode token = json.readTree(secret).path("accessToken");
            if (token.isTextual() && !token.asText().isBlank()) {
                return new AccessToken(token.asText());
            }
        } catch (Exception e) {
            // fall through: the message below must not quote the secret
        }
        throw new IllegalStateException("shop " + shop.domain() + ": secret '" + shop.secretId()
                + "' is not a JSON object with a non-blank \"accessToken\"");
    }

    private SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            synchronized (this) {
                if (secretsManager == null) {
                    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder());
                    config.secretsManagerEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
                    config.region().ifPresent(region -> builder.region(Region.of(region)));
                    if (config.secretsManagerAnonymous()) {
                        builder.credentialsProvider(AnonymousCredentialsProvider.create());
                    }
                    secretsManager = builder.build();
                }
            }
        }
        return secretsManager;
    }
}
