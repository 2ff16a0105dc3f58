package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Redis over TLS with a user, queues encrypted, API access logged, and the webhook function's load bounded. */
class DeploymentHardeningTest {

    private static SamTemplate template;
    private static Properties application;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.project();
        application = new Properties();
        try (InputStream in = DeploymentHardeningTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            application.load(in);
        }
    }

    // ------------------------------------------------------------ Redis

    @Test
    void everyRedisEndpointAFunctionCanGetIsTls() {
        Pattern allowed = Pattern.compile(String.valueOf(SamTemplate.map(template.parameters().get("RedisEndpoint"))
                .get("AllowedPattern")));
        assertFalse(allowed.matcher("redis://redis.internal:6379").matches(), "the parameter admits plain text");
        assertTrue(allowed.matcher("rediss://redis.internal:6379").matches());
        assertFalse(allowed.matcher("rediss://user:pw@redis.internal:6379").matches(), "a login in the parameter");
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            Map<String, Object> env = template.environment(function);
            assertFalse(env.containsKey("QUARKUS_REDIS_HOSTS"), function + ": would bypass the Redis login provider");
            List<String> endpoints = TemplateStrings.of(env.get("SHOPSYNC_LOGINS_REDIS_ENDPOINT"));
            assertEquals(2, endpoints.size(), function + ": created or existing Redis " + endpoints);
            for (String endpoint : endpoints) {
                assertTrue(endpoint.startsWith("rediss://") || endpoint.equals("${RedisEndpoint}"),
                        function + " connects to " + endpoint);
            }
        }
        assertEquals("shopsync-redis-login", application.getProperty("%prod.quarkus.redis.hosts-provider-name"));
        assertEquals("true", application.getProperty("%prod.quarkus.redis.tls.enabled"));
        assertEquals("HTTPS", application.getProperty("%prod.quarkus.redis.tls.hostname-verification-algorithm"));
    }

    @Test
    void theCreatedCacheAdmitsOnlyItsUsersAndTheFunctionsLogInAsTheAppUser() {
        Map<String, Object> cache = properties(template.resourcesOfType("AWS::ElastiCache::ServerlessCache"));
        String group = SamTemplate.pointsAt(cache.get("UserGroupId"));
        assertEquals("AWS::ElastiCache::UserGroup", template.typeOf(group));
        List<String> users = SamTemplate.listOf(SamTemplate.properties(template.resource(group).orElseThrow())
                .get("UserIds")).stream().map(SamTemplate::pointsAt).toList();
        String appUser = null;
        for (String user : users) {
            Map<String, Object> p = SamTemplate.properties(template.resource(user).orElseThrow());
            if ("default".equals(p.get("UserName"))) {
                assertTrue(String.valueOf(p.get("AccessString")).startsWith("off "), "the default user is switched off");
            } else {
                assertEquals("password", SamTemplate.map(p.get("AuthenticationMode")).get("Type"));
                assertTrue(String.valueOf(p.get("AccessString")).contains("~shopsync*"), "keys of the app only");
                appUser = user;
            }
        }
        assertNotNull(appUser, "no user of the functions in " + users);
        List<String> passwords = TemplateStrings.of(SamTemplate.map(SamTemplate.properties(
                template.resource(appUser).orElseThrow()).get("AuthenticationMode")).get("Passwords"));
        assertEquals(1, passwords.size());
        String secret = passwords.get(0).replaceAll("^\\{\\{resolve:secretsmanager:\\$\\{([A-Za-z]+)\\}:.*$", "$1");
        assertEquals("AWS::SecretsManager::Secret", template.typeOf(secret), passwords.get(0));
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            assertEquals(List.of("${" + secret + "}", "${RedisSecretArn}"),
                    TemplateStrings.of(template.environment(function).get("SHOPSYNC_LOGINS_REDIS_SECRET_ID")), function);
        }
    }

    @Test
    void anExistingRedisCannotBeDeployedWithoutItsUser() {
        Map<String, Object> rules = SamTemplate.map(template.root().get("Rules"));
        assertTrue(rules.values().stream().map(SamTemplate::map).anyMatch(rule ->
                        TemplateStrings.of(rule.get("RuleCondition")).toString().contains("RedisEndpoint")
                                && rule.get("Assertions").toString().contains("RedisSecretArn")),
                "no rule asks for RedisSecretArn with RedisEndpoint: " + rules);
    }

    // ------------------------------------------------------------ queues and API

    @Test
    void everyQueueIsEncryptedAtRestExplicitly() {
        template.resourcesOfType(SamTemplate.QUEUE).forEach((id, queue) -> {
            Map<String, Object> p = SamTemplate.properties(queue);
            assertTrue(Boolean.TRUE.equals(p.get("SqsManagedSseEnabled")) || p.containsKey("KmsMasterKeyId"),
                    id + " says nothing about encryption");
        });
    }

    @Test
    void theHttpApiWritesAccessLogsWithoutQueryStringsOrBodies() throws IOException {
        var apis = template.resourcesOfType("AWS::Serverless::HttpApi");
        assertFalse(apis.isEmpty());
        for (var api : apis.entrySet()) {
            Map<String, Object> settings = SamTemplate.map(SamTemplate.properties(api.getValue()).get("AccessLogSettings"));
            String logGroup = SamTemplate.pointsAt(settings.get("DestinationArn"));
            assertEquals("AWS::Logs::LogGroup", template.typeOf(logGroup), api.getKey() + " logs to " + logGroup);
            assertNotNull(SamTemplate.properties(template.resource(logGroup).orElseThrow()).get("RetentionInDays"));
            String format = String.valueOf(settings.get("Format"));
            JsonNode fields = new ObjectMapper().readTree(format);
            for (String wanted : List.of("$context.requestId", "$context.routeKey", "$context.status")) {
                assertTrue(format.contains(wanted), "access log lacks " + wanted);
            }
            assertTrue(fields.isObject(), format);
            for (String forbidden : List.of("$context.path", "$request.", "querystring", "body", "$input")) {
                assertFalse(format.toLowerCase().contains(forbidden.toLowerCase()), "access log has " + forbidden);
            }
        }
    }

    // ------------------------------------------------------------ webhook load

    @Test
    void theWebhookFunctionHasReservedConcurrencyAndAPoolForOneRequest() {
        String webhook = template.resourcesOfType(SamTemplate.FUNCTION).keySet().stream()
                .filter(f -> "webhook".equals(template.environment(f).get("QUARKUS_LAMBDA_HANDLER")))
                .findFirst().orElseThrow();
        Map<String, Object> properties = template.functionProperties(webhook);
        int reserved = template.resolveInt(properties.get("ReservedConcurrentExecutions"));
        assertTrue(reserved >= 1 && reserved <= 100, "reserved concurrency " + reserved);
        Map<String, Object> env = template.environment(webhook);
        int max = Integer.parseInt(String.valueOf(env.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE")));
        int min = Integer.parseInt(String.valueOf(env.get("QUARKUS_DATASOURCE_JDBC_MIN_SIZE")));
        assertTrue(max >= 1 && max <= 2, "pool max " + max);
        assertTrue(min >= 0 && min <= 1 && min <= max, "pool min " + min);
        assertEquals(List.of("${ShopSecretsPrefix}webhooks/app-secret"),
                TemplateStrings.of(env.get("SHOPSYNC_WEBHOOKS_APP_SECRET_ID")));
    }

    private static Map<String, Object> properties(Map<String, Map<String, Object>> resources) {
        assertEquals(1, resources.size(), String.valueOf(resources.keySet()));
        return SamTemplate.properties(resources.values().iterator().next());
    }
}
