package dev.shopsync.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SAM template with the few lookups the checks need: resources by type, a function's properties
 * merged with {@code Globals.Function} the way SAM merges them, and resolution of {@code Ref}/{@code GetAtt} to
 * the template's own resources and parameter defaults.
 */
final class SamTemplate {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String QUEUE = "AWS::SQS::Queue";

    /** SAM's default when neither the function nor Globals say (seconds). */
    private static final int SAM_DEFAULT_TIMEOUT = 3;

    private final Map<String, Object> root;

    SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** The deployed template, found from the working directory Maven runs tests in (the project root). */
    static SamTemplate project() throws IOException {
        Path file = Path.of("infra", "template.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no infra/template.yaml under " + Path.of("").toAbsolutePath());
        }
        return new SamTemplate(CloudFormationYaml.load(file));
    }

    static SamTemplate parse(String yaml) {
        return new SamTemplate(CloudFormationYaml.parse(yaml));
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    /** Logical id to resource (Type, Properties, ...) of every resource of that type, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    Optional<Map<String, Object>> resource(String logicalId) {
        Object resource = resources().get(logicalId);
        return resource == null ? Optional.empty() : Optional.of(map(resource));
    }

    String typeOf(String logicalId) {
        return resource(logicalId).map(r -> (String) r.get("Type")).orElse(null);
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    /**
     * A function's properties after SAM's Globals merge: maps merge key by key (the function wins), lists and
     * scalars are replaced by the function's own value.
     */
    Map<String, Object> functionProperties(String logicalId) {
        Map<String, Object> globals = globalFunction();
        Map<String, Object> own = properties(resource(logicalId).orElseThrow());
        return merge(globals, own);
    }

    Map<String, Object> globalFunction() {
        return map(map(root.get("Globals")).get("Function"));
    }

    Map<String, Object> environment(String functionId) {
        return map(map(functionProperties(functionId).get("Environment")).get("Variables"));
    }

    int functionTimeout(String functionId) {
        Object timeout = functionProperties(functionId).get("Timeout");
        return timeout == null ? SAM_DEFAULT_TIMEOUT : resolveInt(timeout);
    }

    /** A number, a numeric string, or a {@code Ref} to a parameter with a numeric default. */
    int resolveInt(Object value) {
        Object resolved = resolveParameter(value);
        if (resolved instanceof Number number) {
            return number.intValue();
        }
        if (resolved instanceof String text && text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        throw new IllegalArgumentException("not a number the template fixes: " + value);
    }

    /** A {@code Ref} to a parameter becomes its default; anything else is returned as it is. */
    Object resolveParameter(Object value) {
        String ref = refTarget(value);
        if (ref == null) {
            return value;
        }
        Map<String, Object> parameter = map(parameters().get(ref));
        if (!parameter.containsKey("Default")) {
            throw new IllegalArgumentException("parameter " + ref + " has no default to check against");
        }
        return parameter.get("Default");
    }

    /**
     * The logical id a value points at: {@code Ref X}, {@code Ref X.Alias} (SAM), {@code GetAtt [X, attr]}, or
     * {@code null} for anything else.
     */
    static String pointsAt(Object value) {
        String ref = refTarget(value);
        if (ref != null) {
            int dot = ref.indexOf('.');
            return dot < 0 ? ref : ref.substring(0, dot);
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1
                && intrinsic.get("Fn::GetAtt") instanceof List<?> args && !args.isEmpty()) {
            return String.valueOf(args.get(0));
        }
        return null;
    }

    static String refTarget(Object value) {
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1 && intrinsic.get("Ref") instanceof String ref) {
            return ref;
        }
        return null;
    }

    /** A scalar or a list of them, as a list (IAM's Action and Resource take both). */
    static List<Object> listOf(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> {
            Object inherited = merged.get(key);
            boolean bothPlainMaps = inherited instanceof Map && value instanceof Map
                    && !isIntrinsic(inherited) && !isIntrinsic(value);
            merged.put(key, bothPlainMaps ? merge(map(inherited), map(value)) : value);
        });
        return merged;
    }

    private static boolean isIntrinsic(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1
                && m.keySet().iterator().next() instanceof String key
                && (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::"));
    }
}
