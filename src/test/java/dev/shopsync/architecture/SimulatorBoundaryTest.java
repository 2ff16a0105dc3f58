package dev.shopsync.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The simulator is dropped from the Lambda artifact before packaging (see the pom), so production code must not
 * need it: only the dev-mode package may start it. {@code FunctionZipIT} checks the artifact itself.
 */
class SimulatorBoundaryTest {

    private static final String SIMULATOR = "dev.shopsync.simulator";
    private static final String DEV_MODE = "dev.shopsync.dev";

    @Test
    void onlyTheDevModePackageNamesTheSimulator() {
        Map<Path, Set<String>> files = SourcePackages.read().fileUses();
        assertTrue(files.size() > 100, "read the sources: " + files.size() + " files");
        List<Path> offenders = files.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(p -> p.equals(SIMULATOR) || p.startsWith(SIMULATOR + ".")))
                .map(Map.Entry::getKey)
                .filter(f -> !packageOf(f).equals(DEV_MODE) && !packageOf(f).startsWith(SIMULATOR))
                .toList();
        assertEquals(List.of(), offenders, "production code naming the simulator (it is not in the artifact)");
    }

    @Test
    void theDevModePackageIsNamedByNoOtherPackage() {
        Map<Path, Set<String>> files = SourcePackages.read().fileUses();
        List<Path> offenders = files.entrySet().stream()
                .filter(e -> e.getValue().contains(DEV_MODE))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of(), offenders, "code naming the dev-mode package (it is not in the artifact)");
    }

    private static String packageOf(Path relative) {
        return relative.getParent().toString().replace(relative.getFileSystem().getSeparator(), ".");
    }
}
