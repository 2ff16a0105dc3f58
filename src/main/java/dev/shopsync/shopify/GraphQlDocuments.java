package dev.shopsync.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.shopsync.shopify.cost.QueryDocumentException;
import dev.shopsync.shopify.cost.SelectionSetParser;
import io.quarkus.runtime.Startup;

/**
 * Loads the query documents kept as {@code .graphql} resources under {@code shopify/queries/}, appending the
 * fragments each one spreads ({@code ...VariantFields} pulls in {@code VariantFields.graphql}). Extra fields from
 * configuration are parsed as a selection of fields when the application starts (a bad one stops it there) and
 * inserted as printed from the parse, never as the text configured.
 */
@Startup
@ApplicationScoped
public class GraphQlDocuments {

    static final String LOCATION = "shopify/queries/";
    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.\\s*([A-Z][A-Za-z0-9_]*)");

    /** Which fragment holds each resource's node selection, i.e. where its extra fields go. */
    private static final Map<String, String> FRAGMENT_OF_RESOURCE = Map.of(
            "products", "ProductOwnFields",
            "customers", "CustomerOwnFields",
            "locations", "LocationFields",
            "collections", "CollectionOwnFields",
            "inventory", "InventoryItemOwnFields",
            "orders", "OrderOwnFields");

    private final Map<String, GraphQlDocument> loaded = new ConcurrentHashMap<>();
    private final Map<String, String> extraByFragment = new HashMap<>();

    /** The documents exactly as written, without extra fields (tools and tests). */
    public GraphQlDocuments() {
    }

    @Inject
    public GraphQlDocuments(ExtraFieldsConfig extra) {
        extra.selections().forEach((resource, selection) -> {
            String fragment = FRAGMENT_OF_RESOURCE.get(resource);
            if (fragment == null) {
                throw new IllegalArgumentException("shopsync.extra-fields." + resource + ": unknown resource; known: "
                        + new java.util.TreeSet<>(FRAGMENT_OF_RESOURCE.keySet()));
            }
            if (!selection.isBlank()) {
                try {
                    // parsed and printed back: nothing but fields can reach the query, whatever the text says
                    extraByFragment.put(fragment, SelectionSetParser.normalised(selection));
                } catch (QueryDocumentException e) {
                    throw new IllegalArgumentException("shopsync.extra-fields." + resource
                            + ": not a plain selection of fields (" + e.getMessage() + ")", e);
                }
            }
        });
    }

    /** Every operation there is (fragments excluded), as listed in {@code shopify/queries/operations.txt}. */
    public List<String> operations() {
        return read("operations", ".txt").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    public GraphQlDocument get(String operation) {
        return loaded.computeIfAbsent(operation, this::load);
    }

    private GraphQlDocument load(String operation) {
        StringBuilder text = new StringBuilder(read(operation));
        Set<String> fragments = new LinkedHashSet<>();
        collectFragments(text.toString(), fragments);
        for (String fragment : fragments) {
            text.append('\n').append(withExtraFields(fragment, read(fragment)));
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

    /** The operator's extra selection goes in just before the fragment's closing brace. */
    private String withExtraFields(String fragment, String text) {
        String extra = extraByFragment.get(fragment);
        if (extra == null) {
            return text;
        }
        int close = text.lastIndexOf('}');
        return text.substring(0, close) + "  # shopsync.extra-fields\n  " + extra + "\n" + text.substring(close);
    }

    private static String read(String name) {
        return read(name, ".graphql");
    }

    private static String read(String name, String suffix) {
        String path = LOCATION + name + suffix;
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
