package dev.shopsync.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * No secret in a function's environment: whoever may read a function's configuration reads its environment, in
 * plain text, and a {@code {{resolve:...}}} dynamic reference is resolved into it at deploy time. Secrets are named
 * (a name or an ARN, variables ending in {@code _ID} or {@code _ARN}) and read at run time.
 */
final class EnvironmentSecrets {

    /** Names that announce a secret value; {@code ..._SECRET_ID} or {@code ..._ARN} name one instead. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIALS?|API_KEY|PRIVATE_KEY)$");
    /** Quarkus keys that take a login as their value. */
    private static final List<String> LOGIN_KEYS = List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_REDIS_PASSWORD");
    /** A URL carrying user information ({@code scheme://user:password@host}). */
    private static final Pattern URL_WITH_LOGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/@\\s]+@");

    private final SamTemplate template;

    EnvironmentSecrets(SamTemplate template) {
        this.template = template;
    }

    List<String> violations() {
        List<String> violations = new ArrayList<>();
        Map<String, Object> globals = SamTemplate.map(SamTemplate.map(template.globalFunction().get("Environment"))
                .get("Variables"));
        check("Globals", globals, violations);
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            Map<String, Object> own = SamTemplate.map(SamTemplate.map(SamTemplate.properties(
                    template.resource(function).orElseThrow()).get("Environment")).get("Variables"));
            check(function, own, violations);
        }
        return violations;
    }

    private static void check(String where, Map<String, Object> variables, List<String> violations) {
        variables.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches() || LOGIN_KEYS.contains(name)) {
                violations.add(where + "." + name + ": a secret by its name; name the secret (…_SECRET_ID) instead");
            }
            for (String text : TemplateStrings.of(value)) {
                if (text.contains("{{resolve:")) {
                    violations.add(where + "." + name + ": a dynamic reference puts the secret in the environment");
                } else if (URL_WITH_LOGIN.matcher(text).find()) {
                    violations.add(where + "." + name + ": a URL with a login in it");
                }
            }
        });
    }
}
