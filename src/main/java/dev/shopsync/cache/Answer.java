package dev.shopsync.cache;

import java.util.Set;

import dev.shopsync.change.Entity;

/**
 * A built answer: HTTP status (200, or 404 for what does not exist or was deleted), the JSON body, and the
 * entities it was built from. The shop-wide entity is implied and need not be listed. The body is kept as the text
 * it is answered with: an answer served from memory is handed on without a copy.
 */
public record Answer(int status, String body, Set<Entity> dependsOn) {

    public Answer {
        if (body == null) {
            throw new IllegalArgumentException("an answer has a body");
        }
        dependsOn = Set.copyOf(dependsOn);
    }

    public static Answer found(String json, Set<Entity> dependsOn) {
        return new Answer(200, json, dependsOn);
    }

    /** Not there (never synced, or deleted); it still depends on what would make it appear. */
    public static Answer notFound(String what, Set<Entity> dependsOn) {
        String body = "{\"error\":\"" + what.replace("\\", "\\\\").replace("\"", "\\\"") + " not found\"}";
        return new Answer(404, body, dependsOn);
    }
}
