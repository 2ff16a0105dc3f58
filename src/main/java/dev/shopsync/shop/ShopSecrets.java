package dev.shopsync.shop;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** What one shop's secret holds: the token, and optionally its own webhook signing secrets. */
    private record Credentials(AccessToken token, List<String> webhookSecrets) {
    }

    private record Cached(Credentials credentials, Instant expires) {
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
        return credentials(shop).token();
    }

    /**
     * The shop's own webhook signing secrets ({@code webhookSecret}, then {@code webhookSecretPrevious} during a
     * rotation) when its Secrets Manager secret holds them; empty otherwise (an SSM parameter holds the token only).
     */
    public List<String> webhookSecrets(StoredShop shop) {
        return credentials(shop).webhookSecrets();
    }

    private Credentials credentials(StoredShop shop) {
        String key = shop.secretSource() + ":" + shop.secretId();
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.credentials();
        }
        Credentials credentials = read(shop);
        cache.put(key, new Cached(credentials, now.plus(config.ttl())));
        return credentials;
    }

    private Credentials read(StoredShop shop) {
        try {
            return switch (shop.secretSource()) {
                case "ssm" -> new Credentials(new AccessToken(ssm.getParameter(
                        b -> b.name(shop.secretId()).withDecryption(true)).parameter().value()), List.of());
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

    private Credentials fromSecret(StoredShop shop, String secret) {
        try {
            JsonNode fields = json.readTree(secret);
            JsonNode token = fields.path("accessToken");
            if (token.isTextual() && !token.asText().isBlank()) {
                List<String> webhookSecrets = new ArrayList<>(2);
                for (String name : List.of("webhookSecret", "webhookSecretPrevious")) {
                    if (fields.path(name).isTextual() && !fields.path(name).asText().isBlank()) {
                        webhookSecrets.add(fields.path(name).asText());
                    }
                }
                return new Credentials(new AccessToken(token.asText()), List.copyOf(webhookSecrets));
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
