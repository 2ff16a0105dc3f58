package dev.shopsync.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packages of {@code src/main/java} and which of the project's packages each one's sources name, read from the
 * source text (imports, qualified names and Javadoc links alike: a link is a dependency a reader follows too).
 */
final class SourcePackages {

    static final Path MAIN = Path.of("src", "main", "java");
    private static final String ROOT = "dev.shopsync";
    /** A qualified name of the project: lower-case package segments, then a type. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.shopsync((?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");

    /** Package → the other project packages its sources name. */
    private final Map<String, Set<String>> uses = new TreeMap<>();
    /** Source file (relative to {@link #MAIN}) → the project packages it names. */
    private final Map<Path, Set<String>> fileUses = new TreeMap<>();

    private SourcePackages() {
    }

    static SourcePackages read() {
        SourcePackages packages = new SourcePackages();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(packages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }

    private void add(Path file) {
        Path relative = MAIN.relativize(file);
        String own = relative.getParent().toString().replace(file.getFileSystem().getSeparator(), ".");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> named = new TreeSet<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String pkg = ROOT + m.group(1);
            if (!pkg.equals(own)) {
                named.add(pkg);
            }
        }
        fileUses.put(relative, named);
        uses.computeIfAbsent(own, k -> new TreeSet<>()).addAll(named);
    }

    Map<String, Set<String>> uses() {
        return uses;
    }

    Map<Path, Set<String>> fileUses() {
        return fileUses;
    }
}
