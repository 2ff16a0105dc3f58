package dev.shopsync.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so a hot path sends 40 bytes instead of the script's text; the
 * text is sent only when Redis answers {@code NOSCRIPT} (a restarted or flushed server, a new node), which loads it.
 */
public final class LuaScript {

    private final String text;
    private final String sha;

    public LuaScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    /** Runs the script with {@code keys} as KEYS and {@code args} as ARGV. */
    public Response run(RedisDataSource redis, List<String> keys, List<String> args) {
        List<String> tail = new ArrayList<>(keys.size() + args.size() + 1);
        tail.add(Integer.toString(keys.size()));
        tail.addAll(keys);
        tail.addAll(args);
        String[] rest = tail.toArray(String[]::new);
        try {
            return redis.execute("EVALSHA", prepend(sha, rest));
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            return redis.execute("EVAL", prepend(text, rest));
        }
    }

    private static boolean isNoScript(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
