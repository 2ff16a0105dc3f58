package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One parameter switches every function between the JVM (with SnapStart) and the native build. */
class RuntimeSwitchTest {

    private static final String JVM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.project();
    }

    @Test
    void theConditionReadsTheRuntimeParameter() {
        Map<String, Object> isJvm = SamTemplate.map(template.conditions().get("IsJvm"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Runtime"), "jvm")), isJvm);
        assertEquals(List.of("jvm", "native"), SamTemplate.map(template.parameters().get("Runtime")).get("AllowedValues"));
    }

    @Test
    void jvmMeansJava21WithSnapStartOnTheLiveAliasAndNativeMeansProvidedAl2023() {
        Map<String, Object> globals = template.globalFunction();
        assertEquals(ifJvm("java21", "provided.al2023"), globals.get("Runtime"));
        assertEquals(ifJvm(JVM_HANDLER, "not.used.in.provided.runtime"), globals.get("Handler"));
        assertEquals(Map.of("ApplyOn", ifJvm("PublishedVersions", "None")), globals.get("SnapStart"));
        assertEquals("live", globals.get("AutoPublishAlias"));
    }

    @Test
    void everyFunctionDeploysTheMavenArtifactAndInheritsTheSwitch() {
        Path zip = Path.of("infra").resolve(String.valueOf(template.globalFunction().get("CodeUri"))).normalize();
        assertEquals(Path.of("target", "function.zip"), zip);
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION).keySet()) {
            Map<String, Object> own = SamTemplate.properties(template.resource(function).orElseThrow());
            for (String inherited : List.of("CodeUri", "Runtime", "Handler", "SnapStart", "AutoPublishAlias")) {
                assertFalse(own.containsKey(inherited), function + " overrides " + inherited);
            }
        }
    }

    private static Map<String, Object> ifJvm(String jvm, String nativeValue) {
        return Map.of("Fn::If", List.of("IsJvm", jvm, nativeValue));
    }
}
