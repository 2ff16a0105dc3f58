package dev.shopsync.webhook;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Shopify's webhook signature: {@code base64(HMAC-SHA256(raw body, secret))} in {@code X-Shopify-Hmac-Sha256}.
 * Computed over the bytes exactly as received and compared in constant time.
 */
@ApplicationScoped
public class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";

    /** The decoded header, or null when it is not base64 of a SHA-256 MAC. */
    public static byte[] decodeHeader(String header) {
        try {
            byte[] mac = Base64.getDecoder().decode(header.trim());
            return mac.length == 32 ? mac : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether any of the secrets signed the body. */
    public boolean signedByAny(byte[] body, byte[] signature, List<byte[]> secrets) {
        boolean valid = false;
        for (byte[] secret : secrets) {
            // every candidate is checked, so the time taken does not tell which one matched
            valid |= MessageDigest.isEqual(mac(body, secret), signature);
        }
        return valid;
    }

    public static byte[] mac(byte[] body, byte[] secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The header value Shopify would send for this body and secret (tests and tools sign with it). */
    public static String sign(byte[] body, byte[] secret) {
        return Base64.getEncoder().encodeToString(mac(body, secret));
    }
}
