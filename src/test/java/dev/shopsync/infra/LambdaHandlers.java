package dev.shopsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The Lambda handlers the artifact offers: every concrete {@link RequestHandler} in the handler package of the
 * main classes, by its {@link Named} value (what {@code QUARKUS_LAMBDA_HANDLER} selects). Found on the class
 * path rather than listed, so a new or renamed handler shows up here without anyone editing a test.
 */
final class LambdaHandlers {

    static final String PACKAGE = "dev.shopsync.lambda";

    private LambdaHandlers() {
    }

    /** {@code @Named} value to class name; fails on a handler without a usable name or a name used twice. */
    static Map<String, String> discover() {
        Map<String, String> byName = new TreeMap<>();
        for (Class<?> type : classesOfPackage()) {
            if (!RequestHandler.class.isAssignableFrom(type) || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            Named named = type.getAnnotation(Named.class);
            if (named == null || named.value().isBlank()) {
                throw new IllegalStateException(type.getName() + " is a RequestHandler without @Named(\"...\"): "
                        + "QUARKUS_LAMBDA_HANDLER cannot select it");
            }
            String previous = byName.put(named.value(), type.getName());
            if (previous != null) {
                throw new IllegalStateException("@Named(\"" + named.value() + "\") on both " + previous + " and "
                        + type.getName());
            }
        }
        return byName;
    }

    private static List<Class<?>> classesOfPackage() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        String folder = PACKAGE.replace('.', '/');
        List<Class<?>> classes = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                // Test classes of the same package (handler tests, stubs) are not part of the artifact.
                if (url.toString().contains("/test-classes/")) {
                    continue;
                }
                for (String className : classNames(url, folder)) {
                    classes.add(Class.forName(className, false, loader));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot read " + PACKAGE, e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes of " + PACKAGE + " on the class path: not compiled?");
        }
        return classes;
    }

    private static List<String> classNames(URL url, String folder) throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        switch (url.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(p -> p.getFileName().toString())
                            .filter(f -> f.endsWith(".class"))
                            .forEach(f -> names.add(PACKAGE + "." + f.substring(0, f.length() - ".class".length())));
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<java.util.jar.JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String entry = entries.nextElement().getName();
                        // direct members of the package only, not sub-packages
                        if (entry.startsWith(folder + "/") && entry.endsWith(".class")
                                && entry.indexOf('/', folder.length() + 1) < 0) {
                            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("cannot list classes under " + url);
        }
        return names;
    }
}
