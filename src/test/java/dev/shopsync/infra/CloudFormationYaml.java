package dev.shopsync.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM YAML template into plain maps and lists, turning each short-form intrinsic
 * ({@code !Ref X}, {@code !GetAtt A.B}, ...) into its long form ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}),
 * so checks see one shape whichever form the template uses. Any other tag fails the parse, as it would deploy.
 */
final class CloudFormationYaml {

    /** Short tag name to long-form key; {@code Ref} and {@code Condition} carry no {@code Fn::} prefix. */
    static final Map<String, String> INTRINSICS = intrinsics();

    private CloudFormationYaml() {
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    static Map<String, Object> parse(String yaml) {
        return parse(new java.io.StringReader(yaml));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // CloudFormation rejects them too
        Object document = new Yaml(new IntrinsicConstructor(options)).load(reader);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a template is a YAML mapping, got " + document);
        }
        return (Map<String, Object>) document;
    }

    private static Map<String, String> intrinsics() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("Ref", "Ref");
        names.put("Condition", "Condition");
        for (String fn : List.of("GetAtt", "Sub", "If", "Equals", "Not", "And", "Or", "Select", "Split", "Join",
                "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "Length", "ToJsonString")) {
            names.put(fn, "Fn::" + fn);
        }
        return Map.copyOf(names);
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            INTRINSICS.forEach((shortName, longName) -> yamlConstructors.put(new Tag("!" + shortName),
                    new ConstructIntrinsic(longName)));
        }

        private final class ConstructIntrinsic extends AbstractConstruct {
            private final String longName;

            ConstructIntrinsic(String longName) {
                this.longName = longName;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // `!GetAtt Resource.Attr.Path` is the short form of [Resource, "Attr.Path"]
                    argument = longName.equals("Fn::GetAtt") ? splitGetAtt(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(longName, argument);
                return intrinsic;
            }
        }

        private static List<String> splitGetAtt(String text) {
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + text + "'");
            }
            return List.of(text.substring(0, dot), text.substring(dot + 1));
        }
    }
}
