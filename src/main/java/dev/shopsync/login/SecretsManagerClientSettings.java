package dev.shopsync.login;

import java.net.URI;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The settings a Secrets Manager client is built from, for the logins and the shops' secrets alike: the endpoint
 * (a stand-in in tests; AWS's own when empty), the region (the Lambda environment's when empty), and whether
 * requests go unsigned (only a local stand-in accepts that). It uses the URL-connection HTTP client, as the
 * Quarkus-built SQS and SSM clients here do ({@code sync-client.type=url}).
 */
public record SecretsManagerClientSettings(Optional<String> endpoint, Optional<String> region, boolean anonymous) {

    public SecretsManagerClient client() {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(url -> builder.endpointOverride(URI.create(url)));
        region.ifPresent(name -> builder.region(Region.of(name)));
        if (anonymous) {
            builder.credentialsProvider(AnonymousCredentialsProvider.create());
        }
        return builder.build();
    }
}
