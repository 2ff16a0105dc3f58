package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One function per handler the code offers, and no function selecting a handler that does not exist. */
class FunctionHandlersTest {

    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.project();
    }

    @Test
    void everyFunctionSelectsItsHandlerByName() {
        var functions = template.resourcesOfType(SamTemplate.FUNCTION).keySet();
        assertFalse(functions.isEmpty(), "the template deploys no function");
        for (String function : functions) {
            Object handler = template.environment(function).get("QUARKUS_LAMBDA_HANDLER");
            assertInstanceOf(String.class, handler, function + " needs a literal QUARKUS_LAMBDA_HANDLER");
        }
    }

    @Test
    void theGlobalsDoNotPickAHandlerForEveryFunction() {
        // A global default would silently deploy a function that forgot its own choice.
        Map<String, Object> globalEnv = SamTemplate.map(SamTemplate.map(template.globalFunction().get("Environment"))
                .get("Variables"));
        assertFalse(globalEnv.containsKey("QUARKUS_LAMBDA_HANDLER"));
    }

    @Test
    void everyHandlerInTheCodeIsDeployedByExactlyOneFunction() {
        Map<String, String> handlers = LambdaHandlers.discover();
        Map<String, List<String>> deployedBy = new TreeMap<>();
        template.resourcesOfType(SamTemplate.FUNCTION).keySet().forEach(function -> deployedBy
                .computeIfAbsent(String.valueOf(template.environment(function).get("QUARKUS_LAMBDA_HANDLER")),
                        name -> new ArrayList<>())
                .add(function));

        assertEquals(handlers.keySet(), deployedBy.keySet(),
                "handlers in " + LambdaHandlers.PACKAGE + " " + handlers + " vs functions of the template " + deployedBy);
        deployedBy.forEach((handler, functions) ->
                assertEquals(1, functions.size(), handler + " is deployed by " + functions));
    }

    @Test
    void theScanFindsHandlers() {
        // Guards the scan itself: an empty scan would let a template without functions pass the test above.
        assertFalse(LambdaHandlers.discover().isEmpty());
    }
}
