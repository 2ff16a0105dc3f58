package dev.shopsync.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.shopsync.bulk.BulkJob;
import dev.shopsync.state.Cursor;
import dev.shopsync.status.ResourceStatus;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image would lose without telling the JVM: Jackson reaches our JSON types by reflection, and
 * resources are only in the image when listed. This machine cannot build the image; these checks fail where it
 * would break.
 */
class NativeReadinessTest {

    /** Every type we read or write as JSON: Lambda events and answers, Redis state, the status page. */
    private static final List<Class<?>> JSON_TYPES = List.of(SliceRequest.class, SliceResult.class, Cursor.class,
            BulkJob.class, ResourceStatus.class);

    @Test
    void everyJsonTypeAndEveryTypeItHoldsIsRegisteredForReflection() {
        Set<Class<?>> reached = new LinkedHashSet<>();
        JSON_TYPES.forEach(type -> walk(type, reached));
        List<String> missing = reached.stream().filter(type -> !type.isAnnotationPresent(RegisterForReflection.class))
                .map(Class::getName).toList();
        assertEquals(List.of(), missing, "not registered for reflection: Jackson would fail in the native image");
        // the walk reaches the types inside the roots too (enums and nested records)
        assertTrue(reached.containsAll(List.of(dev.shopsync.sync.SliceOutcome.class,
                dev.shopsync.bulk.BulkOperation.Status.class, ResourceStatus.LastRun.class,
                ResourceStatus.Backfill.class)), "walked " + reached);
    }

    @Test
    void everyQueryDocumentAndScriptIsAnIncludedNativeResource() throws IOException, URISyntaxException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        List<PathMatcher> includes = new ArrayList<>();
        for (String glob : properties.getProperty("quarkus.native.resources.includes").split(",")) {
            includes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.trim()));
        }
        Path root = Path.of(getClass().getClassLoader().getResource("application.properties").toURI()).getParent();
        List<String> resources;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("shopify/queries")),
                Files.walk(root.resolve("budget")))) {
            resources = files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .toList();
        }
        assertTrue(resources.size() > 50, "found " + resources.size());
        List<String> left = resources.stream()
                .filter(r -> includes.stream().noneMatch(m -> m.matches(Path.of(r)))).toList();
        assertEquals(List.of(), left, "not in quarkus.native.resources.includes");
    }

    /** The type, and the record components and type arguments it holds, within our own packages. */
    private static void walk(Type type, Set<Class<?>> reached) {
        if (type instanceof ParameterizedType parameterized) {
            walk(parameterized.getRawType(), reached);
            for (Type argument : parameterized.getActualTypeArguments()) {
                walk(argument, reached);
            }
            return;
        }
        if (!(type instanceof Class<?> cls) || !cls.getName().startsWith("dev.shopsync.") || !reached.add(cls)) {
            return;
        }
        if (cls.isRecord()) {
            for (RecordComponent component : cls.getRecordComponents()) {
                walk(component.getGenericType(), reached);
            }
        }
    }
}
