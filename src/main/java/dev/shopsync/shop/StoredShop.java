package dev.shopsync.shop;

/**
 * A shop registered in the {@code shop} table: where its token and its webhook secrets are kept, never the secrets
 * themselves.
 *
 * @param secretSource        {@code secretsmanager} (a JSON secret with {@code accessToken}) or {@code ssm} (a
 *                            SecureString)
 * @param baseUrl             null: {@code https://<domain>}
 * @param webhookSecretSource null when the shop's webhooks are signed with the app's secret
 * @param active              false once its uninstall was confirmed; its compliance webhooks are still verified
 */
public record StoredShop(String domain, String apiVersion, String secretSource, String secretId, String baseUrl,
        String webhookSecretSource, String webhookSecretId, boolean active) {

    public StoredShop(String domain, String apiVersion, String secretSource, String secretId, String baseUrl) {
        this(domain, apiVersion, secretSource, secretId, baseUrl, null, null, true);
    }
}
