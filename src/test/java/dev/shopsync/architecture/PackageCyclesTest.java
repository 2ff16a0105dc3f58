package dev.shopsync.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Data flows one way between packages (the README's architecture section draws it): no package names, directly
 * or through others, a package that names it.
 */
class PackageCyclesTest {

    @Test
    void noPackageReachesBackToItself() {
        Map<String, Set<String>> uses = SourcePackages.read().uses();
        assertTrue(uses.size() > 15, "read the packages: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (Map.Entry<String, Set<String>> edge : uses.entrySet()) {
            for (String used : edge.getValue()) {
                List<String> back = path(uses, used, edge.getKey());
                if (back != null) {
                    cycles.add(edge.getKey() + " -> " + String.join(" -> ", back));
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles (each listed from one of its edges)");
    }

    @Test
    void aCycleIsFoundWhereThereIsOne() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of());
        assertEquals(List.of("b", "c", "a"), path(uses, "b", "a"));
        assertEquals(null, path(uses, "d", "a"));
    }

    /** A shortest path of uses from {@code from} to {@code to}, both included; null when there is none. */
    static List<String> path(Map<String, Set<String>> uses, String from, String to) {
        Deque<List<String>> queue = new ArrayDeque<>();
        Set<String> seen = new TreeSet<>();
        queue.add(List.of(from));
        seen.add(from);
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(to)) {
                return path;
            }
            for (String next : uses.getOrDefault(last, Set.of())) {
                if (seen.add(next)) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    queue.add(longer);
                }
            }
        }
        return null;
    }
}
