package dev.shopsync.infra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which function may read which secret, judged from the template's own IAM: a function reaches a secret when one of
 * its Allow statements has a reading action (IAM wildcards included) on a resource pattern matching the secret's ARN.
 * Every value a statement can take counts ({@code If} branches both). A policy the template does not spell out (a
 * managed policy or a SAM policy template) cannot be judged and is reported.
 */
final class SecretAccess {

    /** Actions that read a secret or a SecureString parameter. */
    static final List<String> READS = List.of("secretsmanager:GetSecretValue", "ssm:GetParameter",
            "ssm:GetParameters", "ssm:GetParametersByPath");
    /** Managed policies that grant nothing on secrets (SAM attaches them to VPC functions). */
    static final Set<String> HARMLESS_MANAGED = Set.of("AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole");

    private static final String SECRET = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:";
    private static final String PARAMETER = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/";

    /** A shop's Admin token, as the stack's naming puts it: Secrets Manager (with AWS's suffix) or SSM. */
    static final List<String> TOKEN = List.of(SECRET + "${ShopSecretsPrefix}tokens/acme.myshopify.com-AbCdEf",
            PARAMETER + "${ShopSecretsPrefix}tokens/acme.myshopify.com");
    /** Webhook signing secrets: a shop's own and the app's. */
    static final List<String> WEBHOOK = List.of(SECRET + "${ShopSecretsPrefix}webhooks/acme.myshopify.com-AbCdEf",
            SECRET + "${ShopSecretsPrefix}webhooks/app-secret-AbCdEf",
            PARAMETER + "${ShopSecretsPrefix}webhooks/acme.myshopify.com");
    /** Anything else under the Shopify prefix (a name a later feature may use). */
    static final List<String> ANY_SHOPIFY = List.of(SECRET + "${ShopSecretsPrefix}other/x-AbCdEf",
            PARAMETER + "${ShopSecretsPrefix}other/x");

    private final SamTemplate template;

    SecretAccess(SamTemplate template) {
        this.template = template;
    }

    /** The functions that may read at least one of these ARNs. */
    Set<String> readersOf(List<String> arns) {
        Set<String> readers = new LinkedHashSet<>();
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            for (Map<String, Object> statement : statements(function)) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                boolean reads = TemplateStrings.of(statement.get("Action")).stream()
                        .anyMatch(action -> READS.stream().anyMatch(r -> TemplateStrings.iamMatches(action, r, true)));
                boolean matches = TemplateStrings.of(statement.get("Resource")).stream()
                        .anyMatch(resource -> arns.stream().anyMatch(arn -> TemplateStrings.iamMatches(resource, arn, false)));
                if (reads && matches) {
                    readers.add(function);
                }
            }
        }
        return readers;
    }

    /** Functions with any Allow on an action of this service ("sqs", "secretsmanager", ...). */
    Set<String> usersOf(String service) {
        Set<String> users = new LinkedHashSet<>();
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            for (Map<String, Object> statement : statements(function)) {
                if ("Allow".equals(statement.get("Effect")) && TemplateStrings.of(statement.get("Action")).stream()
                        .anyMatch(action -> action.equals("*") || action.toLowerCase().startsWith(service + ":"))) {
                    users.add(function);
                }
            }
        }
        return users;
    }

    /** Policies of functions that this check cannot read, so cannot vouch for. */
    List<String> unjudgeable() {
        List<String> found = new ArrayList<>();
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            for (Object policy : SamTemplate.listOf(template.functionProperties(function).get("Policies"))) {
                if (policy instanceof String name && HARMLESS_MANAGED.contains(name)) {
                    continue;
                }
                if (!(policy instanceof Map<?, ?> document) || !document.containsKey("Statement")) {
                    found.add(function + ": " + policy);
                    continue;
                }
                for (Object statement : SamTemplate.listOf(document.get("Statement"))) {
                    Map<String, Object> body = SamTemplate.map(statement);
                    if (body.containsKey("NotAction") || body.containsKey("NotResource") || !body.containsKey("Effect")) {
                        found.add(function + ": " + statement);
                    }
                }
            }
            if (template.functionProperties(function).containsKey("Role")) {
                found.add(function + ": a Role of its own");
            }
        }
        return found;
    }

    private List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : SamTemplate.listOf(template.functionProperties(function).get("Policies"))) {
            for (Object statement : SamTemplate.listOf(SamTemplate.map(policy).get("Statement"))) {
                statements.add(SamTemplate.map(statement));
            }
        }
        return statements;
    }
}
