package dev.shopsync.shop;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Admin API token of a registered shop, from the secret its row names: a Secrets Manager JSON secret with
 * {@code accessToken}, or an SSM SecureString holding the token alone. Only {@code sync-slice} may read these
 * secrets (its IAM role is the only one reaching {@code <prefix>tokens/}), and it reads one only when it is about
 * to call Shopify for that shop.
 */
@ApplicationScoped
public class ShopSecrets {

    private final SecretStore store;
    private final ObjectMapper json;

    public ShopSecrets(SecretStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** @throws SecretUnavailableException when the secret cannot be read or holds no token */
    public AccessToken token(StoredShop shop) {
        String secret;
        try {
            secret = store.read(shop.secretSource(), shop.secretId());
        } catch (SecretUnavailableException e) {
            throw new SecretUnavailableException("shop " + shop.domain() + ": " + e.getMessage() + " (its token)", e);
        }
        if (SecretStore.SSM.equals(shop.secretSource())) {
            if (secret == null || secret.isBlank()) {
                throw new SecretUnavailableException("shop " + shop.domain() + ": parameter '" + shop.secretId()
                        + "' is empty");
            }
            return new AccessToken(secret);
        }
        try {
            JsonNode token = json.readTree(secret).path("accessToken");
            if (token.isTextual() && !token.asText().isBlank()) {
                return new AccessToken(token.asText());
            }
        } catch (Exception e) {
            // fall through: the message below must not quote the secret
        }
        throw new SecretUnavailableException("shop " + shop.domain() + ": secret '" + shop.secretId()
                + "' is not a JSON object with a non-blank \"accessToken\"");
    }
}
