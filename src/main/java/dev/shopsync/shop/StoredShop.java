package dev.shopsync.shop;

/**
 * A shop registered in the {@code shop} table: where its token is kept, never the token itself.
 *
 * @param secretSource {@code secretsmanager} (a JSON secret with {@code accessToken}) or {@code ssm} (a SecureString)
 * @param baseUrl      null: {@code https://<domain>}
 */
public record StoredShop(String domain, String apiVersion, String secretSource, String secretId, String baseUrl) {
}
