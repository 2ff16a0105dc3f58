package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The deployment guide's parameter table lists exactly the template's parameters. */
class InfraReadmeTest {

    /** A row of the parameters table: {@code | `Name` | default | meaning |}. */
    private static final Pattern PARAMETER_ROW = Pattern.compile("^\\| `([A-Z][A-Za-z]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyParameterIsDocumentedAndNothingElse() throws IOException {
        String readme = Files.readString(Path.of("infra", "README.md"));
        String parametersSection = readme.substring(readme.indexOf("## Parameters"), readme.indexOf("## Outputs"));
        Set<String> documented = new TreeSet<>();
        Matcher row = PARAMETER_ROW.matcher(parametersSection);
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> declared = new TreeSet<>(SamTemplate.map(
                CloudFormationYaml.load(Path.of("infra", "template.yaml")).get("Parameters")).keySet());
        assertEquals(declared, documented);
    }
}
