package dev.shopsync.shop;

import java.util.function.Supplier;

/**
 * A token read on first use, then kept for the life of its connection (a slice); the secret store's own cache
 * spans invocations. A failed read is not remembered, so the next use asks again.
 */
final class LazyToken implements Supplier<AccessToken> {

    private final Supplier<AccessToken> read;
    private volatile AccessToken token;

    LazyToken(Supplier<AccessToken> read) {
        this.read = read;
    }

    @Override
    public AccessToken get() {
        AccessToken known = token;
        if (known == null) {
            known = read.get();
            token = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "LazyToken[****]";
    }
}
