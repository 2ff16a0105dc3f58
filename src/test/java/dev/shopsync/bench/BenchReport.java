package dev.shopsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How every benchmark reports: {@code target/bench/<name>.json} (the figures, with any detail) and one last line
 * {@code BENCH <name> key=value ...} of the headline figures, values without spaces.
 */
final class BenchReport {

    private BenchReport() {
    }

    static void publish(ObjectMapper json, String name, Map<String, Object> figures, Map<String, Object> document)
            throws IOException {
        Path out = Path.of("target", "bench", name + ".json");
        Files.createDirectories(out.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), document);
        StringBuilder line = new StringBuilder("BENCH ").append(name);
        figures.forEach((key, value) -> line.append(' ').append(key).append('=')
                .append(String.valueOf(value).replace(' ', '_')));
        System.out.println(line);
    }

    static void publish(ObjectMapper json, String name, Map<String, Object> figures) throws IOException {
        publish(json, name, figures, figures);
    }
}
