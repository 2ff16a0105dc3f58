package dev.shopsync.shop;

import java.util.Objects;

/** An Admin API token that cannot leak through logs, exceptions or toString(). */
public final class AccessToken {

    private final String value;

    public AccessToken(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("access token must not be blank");
        }
        this.value = value;
    }

    /** Only the HTTP layer reads the secret. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "AccessToken[****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessToken other && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
