package dev.shopsync.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.credentials.CredentialsProvider;

import dev.shopsync.support.FakeAwsSecrets;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Logins come from Secrets Manager (a local stand-in here), are cached for the TTL, and never leak into errors. */
class LoginSecretsTest {

    private static final String DB_SECRET = "arn:aws:secretsmanager:us-east-1:000000000000:secret:login-test/db-AbCdEf";
    private static final Duration TTL = Duration.ofMinutes(5);

    private static FakeAwsSecrets fake;
    private static SecretsManagerClient client;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T12:00:00Z"));
    private LoginSecrets secrets;

    @BeforeAll
    static void startFake() {
        fake = new FakeAwsSecrets();
        String endpoint = fake.start().get("shopsync.secrets.secrets-manager-endpoint");
        client = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @AfterAll
    static void stopFake() {
        client.close();
        fake.stop();
        FakeAwsSecrets.SECRETS.keySet().removeIf(id -> id.contains("login-test/"));
    }

    @BeforeEach
    void fresh() {
        FakeAwsSecrets.SECRETS.put(DB_SECRET, "{\"username\":\"shopsync_app\",\"password\":\"s3cr3t-pw\","
                + "\"engine\":\"postgres\",\"host\":\"db.example\"}");
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        secrets = new LoginSecrets(() -> client, TTL, clock);
    }

    @Test
    void theDatasourceGetsUserAndPasswordOfTheRdsShapedSecret() {
        Map<String, String> credentials = new DatabaseLogin(secrets).getCredentials(DB_SECRET);
        assertEquals(Map.of(CredentialsProvider.USER_PROPERTY_NAME, "shopsync_app",
                CredentialsProvider.PASSWORD_PROPERTY_NAME, "s3cr3t-pw"), credentials);
    }

    @Test
    void aLoginIsReadOncePerTtlAndAgainAfterIt() {
        int before = FakeAwsSecrets.READS.get();
        secrets.login(DB_SECRET);
        secrets.login(DB_SECRET);
        now.set(now.get().plus(TTL).minusSeconds(1));
        secrets.login(DB_SECRET);
        assertEquals(1, FakeAwsSecrets.READS.get() - before, "within the TTL the cached login serves");

        // rotated: the next read after the TTL sees the new password
        FakeAwsSecrets.SECRETS.put(DB_SECRET, "{\"username\":\"shopsync_app\",\"password\":\"rotated-pw\"}");
        now.set(now.get().plusSeconds(2));
        assertEquals(new Login("shopsync_app", "rotated-pw"), secrets.login(DB_SECRET));
        assertEquals(2, FakeAwsSecrets.READS.get() - before);
    }

    @Test
    void aSecretThatIsNoLoginFailsWithoutQuotingIt() {
        String id = "login-test/not-a-login";
        FakeAwsSecrets.SECRETS.put(id, "{\"username\":\"u\",\"passwd\":\"leaked-value\"}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.login(id));
        assertTrue(e.getMessage().contains(id), e.getMessage());
        assertFalse(e.getMessage().contains("leaked-value"), e.getMessage());

        FakeAwsSecrets.SECRETS.put(id, "plain-string-password");
        e = assertThrows(IllegalStateException.class, () -> secrets.login(id));
        assertFalse(e.getMessage().contains("plain-string-password"), e.getMessage());
    }

    @Test
    void aMissingSecretNamesTheSecret() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.login("login-test/absent"));
        assertTrue(e.getMessage().contains("login-test/absent"), e.getMessage());
    }

    @Test
    void theLoginNeverPrintsItsPassword() {
        assertFalse(new Login("u", "hunter2-password").toString().contains("hunter2"));
    }
}
