package dev.shopsync.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A template value as the strings it can become, without deploying: {@code Ref X} is {@code ${X}}, {@code GetAtt
 * [X, a]} is {@code ${X.a}}, a {@code Sub} keeps its {@code ${...}} placeholders, a {@code Join} joins, and an
 * {@code If} is both of its branches (whichever the condition). So a check sees every value a deployment can give.
 */
final class TemplateStrings {

    private TemplateStrings() {
    }

    static List<String> of(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof List<?> list) {
            list.forEach(item -> out.addAll(of(item)));
            return out;
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            Object key = intrinsic.keySet().iterator().next();
            Object arg = intrinsic.get(key);
            switch (String.valueOf(key)) {
                case "Ref" -> out.add("${" + arg + "}");
                case "Fn::GetAtt" -> out.add("${" + String.join(".", SamTemplate.listOf(arg).stream()
                        .map(String::valueOf).toList()) + "}");
                case "Fn::Sub" -> out.add(String.valueOf(arg instanceof List<?> args ? args.get(0) : arg));
                case "Fn::If" -> {
                    List<?> args = (List<?>) arg;
                    out.addAll(of(args.get(1)));
                    out.addAll(of(args.get(2)));
                }
                case "Fn::Join" -> {
                    List<?> args = (List<?>) arg;
                    String delimiter = String.valueOf(args.get(0));
                    List<List<String>> combinations = List.of(List.of());
                    for (Object part : SamTemplate.listOf(args.get(1))) {
                        List<List<String>> next = new ArrayList<>();
                        for (List<String> pieces : combinations) {
                            for (String piece : of(part)) {
                                List<String> longer = new ArrayList<>(pieces);
                                longer.add(piece);
                                next.add(longer);
                            }
                        }
                        combinations = next;
                    }
                    combinations.forEach(pieces -> out.add(String.join(delimiter, pieces)));
                }
                default -> out.add(String.valueOf(value));
            }
            return out;
        }
        out.add(String.valueOf(value));
        return out;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one character; everything else literal. */
    static boolean iamMatches(String pattern, String text, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0;
        return java.util.regex.Pattern.compile(regex.toString(), flags | java.util.regex.Pattern.DOTALL)
                .matcher(text).matches();
    }
}
