package dev.shopsync.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.inject.Named;

import org.junit.jupiter.api.Test;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The production profile hands the datasource and the Redis client to these providers by name, and only when the
 * deployment names a secret: what application.properties says, resolved the way Quarkus resolves it.
 */
class LoginWiringTest {

    @Test
    void theProviderNamesAreTheBeans() throws IOException {
        Properties properties = applicationProperties();
        assertEquals(DatabaseLogin.NAME, properties.getProperty("%prod.quarkus.datasource.credentials-provider-name"));
        assertEquals(RedisLogin.NAME, properties.getProperty("%prod.quarkus.redis.hosts-provider-name"));
        // Agroal finds its credentials provider by @Named, the Redis client its hosts provider by @Identifier
        assertEquals(DatabaseLogin.NAME, DatabaseLogin.class.getAnnotation(Named.class).value());
        assertEquals(RedisLogin.NAME, RedisLogin.class.getAnnotation(Identifier.class).value());
    }

    @Test
    void theDatasourceAsksTheProviderForTheSecretTheEnvironmentNames() throws IOException {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shopsync-db-AbCdEf";
        SmallRyeConfig config = prod(Map.of("SHOPSYNC_LOGINS_DATABASE_SECRET_ID", arn));
        assertEquals(Optional.of(arn), config.getOptionalValue("quarkus.datasource.credentials-provider", String.class));
    }

    @Test
    void withoutASecretTheDatasourceKeepsItsConfiguredLogin() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        // an empty expansion is no value: Agroal then uses quarkus.datasource.username/password as before
        assertEquals(Optional.empty(), config.getOptionalValue("quarkus.datasource.credentials-provider", String.class));
    }

    @Test
    void devAndTestUseNoProvider() throws IOException {
        for (String profile : new String[] {"dev", "test"}) {
            SmallRyeConfig config = config(profile, Map.of("SHOPSYNC_LOGINS_DATABASE_SECRET_ID", "x"));
            assertEquals(Optional.empty(), config.getOptionalValue("quarkus.datasource.credentials-provider", String.class));
            assertEquals(Optional.empty(), config.getOptionalValue("quarkus.redis.hosts-provider-name", String.class));
            assertEquals(Optional.of(true), config.getOptionalValue("quarkus.flyway.migrate-at-start", Boolean.class));
        }
    }

    private static SmallRyeConfig prod(Map<String, String> environment) throws IOException {
        return config("prod", environment);
    }

    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws IOException {
        Map<String, String> properties = new HashMap<>();
        applicationProperties().forEach((k, v) -> properties.put((String) k, (String) v));
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                // environment variables as Quarkus reads them (SHOPSYNC_LOGINS_... for shopsync.logins...)
                .withSources(new io.smallrye.config.EnvConfigSource(environment, 300))
                .build();
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LoginWiringTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        return properties;
    }

}
