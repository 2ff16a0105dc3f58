package dev.shopsync.cache;

import java.util.List;

/**
 * An answer as cached: status and body, and the Redis keys of the versions it was built from with the value each
 * had. It may be served only while every one of those keys still holds that value.
 */
record CachedAnswer(int status, String body, List<String> versionKeys, List<String> versions) {

    /** Bytes it takes in L1, roughly: what bounds the cache. */
    int weight() {
        int weight = 64 + body.length();
        for (int i = 0; i < versionKeys.size(); i++) {
            weight += versionKeys.get(i).length() + versions.get(i).length() + 32;
        }
        return weight;
    }

    boolean validAgainst(List<String> current) {
        return versions.equals(current);
    }
}
