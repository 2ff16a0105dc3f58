package dev.shopsync.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least privilege in the template's own IAM: no statement grants {@code Resource: "*"} unless every action in
 * it is one AWS offers no resource-level permission for. Managed policies the template names (SAM's
 * {@code AWSLambdaVPCAccessExecutionRole} for VPC functions) are AWS's and not checked here.
 */
final class IamRules {

    /**
     * Actions AWS only authorizes on {@code "*"} (their service authorization reference lists no resource type).
     * Add one only with its reason.
     */
    static final Set<String> STAR_ONLY_ACTIONS = Set.of(
            // ENI management of VPC functions (what AWSLambdaVPCAccessExecutionRole grants)
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
            // X-Ray segments have no ARN
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords");

    /** One statement and where it was found. */
    record Statement(String where, Map<String, Object> body) {
    }

    private final SamTemplate template;

    IamRules(SamTemplate template) {
        this.template = template;
    }

    /** Inline statements of functions, roles, policies and managed policies of the template. */
    List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        template.resourcesOfType(SamTemplate.FUNCTION).keySet().forEach(function -> {
            // SAM takes a managed policy name/ARN, a policy template ({SQSSendMessagePolicy: ...}) or a document
            for (Object policy : SamTemplate.listOf(template.functionProperties(function).get("Policies"))) {
                addDocument(statements, function + ".Policies", policy);
            }
        });
        template.resourcesOfType("AWS::IAM::Role").forEach((id, role) -> {
            for (Object policy : SamTemplate.listOf(SamTemplate.properties(role).get("Policies"))) {
                addDocument(statements, id + ".Policies", SamTemplate.map(policy).get("PolicyDocument"));
            }
        });
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            template.resourcesOfType(type).forEach((id, policy) ->
                    addDocument(statements, id, SamTemplate.properties(policy).get("PolicyDocument")));
        }
        return statements;
    }

    List<String> wildcardViolations() {
        List<String> violations = new ArrayList<>();
        for (Statement statement : statements()) {
            Map<String, Object> body = statement.body();
            if (body.containsKey("NotResource") || body.containsKey("NotAction")) {
                violations.add(statement.where() + ": NotResource/NotAction grant more than they name");
                continue;
            }
            if (!"Allow".equals(body.get("Effect"))) {
                continue;
            }
            boolean star = eitherBranch(body.get("Resource")).stream().anyMatch("*"::equals);
            if (star) {
                List<Object> notAllowed = eitherBranch(body.get("Action")).stream()
                        .filter(action -> !STAR_ONLY_ACTIONS.contains(action))
                        .toList();
                if (!notAllowed.isEmpty()) {
                    violations.add(statement.where() + ": Resource \"*\" for " + notAllowed);
                }
            }
        }
        return violations;
    }

    /** The values a scalar, a list or an {@code Fn::If} (both branches, whichever the condition) can take. */
    private static List<Object> eitherBranch(Object value) {
        List<Object> values = new ArrayList<>();
        for (Object item : SamTemplate.listOf(value)) {
            if (item instanceof Map<?, ?> intrinsic && intrinsic.get("Fn::If") instanceof List<?> args && args.size() == 3) {
                values.addAll(eitherBranch(args.get(1)));
                values.addAll(eitherBranch(args.get(2)));
            } else {
                values.add(item);
            }
        }
        return values;
    }

    private static void addDocument(List<Statement> statements, String where, Object document) {
        Object statementValue = SamTemplate.map(document).get("Statement");
        for (Object statement : SamTemplate.listOf(statementValue)) {
            statements.add(new Statement(where, SamTemplate.map(statement)));
        }
    }
}
