package dev.shopsync.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The Redis URL the client gets: TLS only, user and password from the secret, encoded as the client decodes them. */
class RedisLoginTest {

    @Test
    void theUserAndPasswordGoIntoTheTlsUrl() {
        URI uri = RedisLogin.withLogin(URI.create("rediss://cache.serverless.euw1.cache.amazonaws.com:6379"),
                new Login("shopsync", "Abc123xyz"));
        assertEquals("rediss://shopsync:Abc123xyz@cache.serverless.euw1.cache.amazonaws.com:6379", uri.toString());
    }

    @Test
    void specialCharactersSurviveTheClientsDecoding() {
        String password = "p@ss:w/rd +%&?#";
        URI uri = RedisLogin.withLogin(URI.create("rediss://redis.internal:6380"), new Login("app user", password));
        String[] userInfo = uri.getRawUserInfo().split(":");
        // vertx-redis-client splits the user info on ':' and URL-decodes both parts
        assertEquals(2, userInfo.length);
        assertEquals("app user", URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
        assertEquals(password, URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
        assertEquals("redis.internal", uri.getHost());
        assertEquals(6380, uri.getPort());
    }

    @Test
    void withoutASecretTheEndpointIsUsedAsItIs() {
        assertEquals(URI.create("rediss://redis.internal:6379"),
                RedisLogin.withLogin(URI.create("rediss://redis.internal:6379"), null));
    }

    @Test
    void plainTextRedisAndUsersInTheEndpointAreRefused() {
        assertThrows(IllegalStateException.class,
                () -> RedisLogin.withLogin(URI.create("redis://redis.internal:6379"), new Login("u", "p")));
        assertThrows(IllegalStateException.class,
                () -> RedisLogin.withLogin(URI.create("rediss://u:p@redis.internal:6379"), new Login("u", "p")));
    }
}
