package dev.shopsync.cache;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.shopsync.change.Entity;

/**
 * A built answer: HTTP status (200, or 404 for what does not exist or was deleted), the JSON body, and the
 * entities it was built from. The shop-wide entity is implied and need not be listed.
 */
public record Answer(int status, byte[] body, Set<Entity> dependsOn) {

    public Answer {
        body = body.clone();
        dependsOn = Set.copyOf(dependsOn);
    }

    public static Answer found(String json, Set<Entity> dependsOn) {
        return new Answer(200, json.getBytes(StandardCharsets.UTF_8), dependsOn);
    }

    /** Not there (never synced, or deleted); it still depends on what would make it appear. */
    public static Answer notFound(String what, Set<Entity> dependsOn) {
        String body = "{\"error\":\"" + what.replace("\\", "\\\\").replace("\"", "\\\"") + " not found\"}";
        return new Answer(404, body.getBytes(StandardCharsets.UTF_8), dependsOn);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
