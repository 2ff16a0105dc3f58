package dev.shopsync.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Loads the query documents kept as {@code .graphql} resources under {@code shopify/queries/}, appending the
 * fragments each one spreads ({@code ...VariantFields} pulls in {@code VariantFields.graphql}).
 */
@ApplicationScoped
public class GraphQlDocuments {

    static final String LOCATION = "shopify/queries/";
    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.\\s*([A-Z][A-Za-z0-9_]*)");

    private final Map<String, GraphQlDocument> loaded = new ConcurrentHashMap<>();

    public GraphQlDocument get(String operation) {
        return loaded.computeIfAbsent(operation, this::load);
    }

    private GraphQlDocument load(String operation) {
        StringBuilder text = new StringBuilder(read(operation));
        Set<String> fragments = new LinkedHashSet<>();
        collectFragments(text.toString(), fragments);
        for (String fragment : fragments) {
            text.append('\n').append(read(fragment));
        }
        return new GraphQlDocument(operation, text.toString());
    }

    private void collectFragments(String text, Set<String> into) {
        Matcher spread = SPREAD.matcher(text);
        while (spread.find()) {
            String name = spread.group(1);
            if (into.add(name)) {
                collectFragments(read(name), into);
            }
        }
    }

    private static String read(String name) {
        String path = LOCATION + name + ".graphql";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("query document " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
