package dev.shopsync.login;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;

/**
 * The datasource's login, read at run time from the Secrets Manager secret that
 * {@code quarkus.datasource.credentials-provider} names (set from {@code shopsync.logins.database-secret-id} in the
 * prod profile). Agroal asks for it each time it opens a physical connection (its password object calls the provider
 * on every connect), so a rotated password reaches new connections within {@code shopsync.logins.ttl}; pooled ones
 * keep theirs.
 */
@ApplicationScoped
@Named(DatabaseLogin.NAME)
@Unremovable
public class DatabaseLogin implements CredentialsProvider {

    /** The value of {@code quarkus.datasource.credentials-provider-name}. */
    public static final String NAME = "shopsync-database-login";

    private final LoginSecrets secrets;

    public DatabaseLogin(LoginSecrets secrets) {
        this.secrets = secrets;
    }

    /** @param secretId the value of {@code quarkus.datasource.credentials-provider}: the secret's name or ARN */
    @Override
    public Map<String, String> getCredentials(String secretId) {
        Login login = secrets.login(secretId);
        return Map.of(USER_PROPERTY_NAME, login.username(), PASSWORD_PROPERTY_NAME, login.password());
    }
}
