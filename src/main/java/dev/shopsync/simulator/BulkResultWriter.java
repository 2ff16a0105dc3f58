package dev.shopsync.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;

/**
 * Runs a bulk query against one shop snapshot and writes Shopify's JSONL: one object a line, nested connection
 * items as lines of their own that end with {@code "__parentId"}, {@code /} escaped as {@code \/}. The root
 * connection is read one {@link BulkPage} at a time, so memory holds one page of roots and their children.
 *
 * <p>Order, as Shopify's: with {@code groupObjects} each root is followed by its children; without (the default)
 * a page's roots come first, then all their children grouped by connection, so a child is after its parent but not
 * next to it and readers must join by {@code __parentId}.
 */
final class BulkResultWriter {

    static final String PARENT_ID = "__parentId";

    private final GraphQL graphQL;
    private final ObjectMapper json = new ObjectMapper(new JsonFactory().setCharacterEscapes(new SlashEscapes()));

    BulkResultWriter(GraphQLSchema schema) {
        this.graphQL = GraphQL.newGraphQL(schema).build();
    }

    /**
     * @param root the query root of the snapshot, the same for every page so all pages see one moment
     */
    BulkResult write(BulkQueryShape shape, Map<String, Object> root, boolean groupObjects, Path file) {
        BitSet roots = new BitSet();
        long lines = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            String after = null;
            boolean more = true;
            while (more) {
                BulkPage page = new BulkPage(after);
                List<RootLine> rootLines = page(shape, root, page);
                if (groupObjects) {
                    for (RootLine line : rootLines) {
                        roots.set((int) lines);
                        lines += write(out, line.object());
                        for (List<Map<String, Object>> children : line.children().values()) {
                            lines += writeAll(out, children);
                        }
                    }
                } else {
                    Map<String, List<Map<String, Object>>> byConnection = new LinkedHashMap<>();
                    for (RootLine line : rootLines) {
                        roots.set((int) lines);
                        lines += write(out, line.object());
                        line.children().forEach((connection, children) -> byConnection
                                .computeIfAbsent(connection, k -> new ArrayList<>()).addAll(children));
                    }
                    for (List<Map<String, Object>> children : byConnection.values()) {
                        lines += writeAll(out, children);
                    }
                }
                after = page.endCursor();
                more = page.hasNextPage() && after != null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bulk result " + file, e);
        }
        try {
            return new BulkResult(file, lines, roots, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A root's line and its children's lines, by the path of the connection they came from. */
    private record RootLine(Map<String, Object> object, Map<String, List<Map<String, Object>>> children) {
    }

    private List<RootLine> page(BulkQueryShape shape, Map<String, Object> root, BulkPage page) {
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
                .query(shape.query())
                .root(root)
                .graphQLContext(Map.of(BulkPage.CONTEXT_KEY, page))
                .locale(Locale.ENGLISH)
                .build());
        Map<String, Object> data = result.getData();
        BulkQueryShape.FieldShape connection = shape.root();
        List<RootLine> lines = new ArrayList<>();
        if (data == null) {
            return lines;
        }
        for (Map<String, Object> node : connection.nodesOf(data.get(connection.key()))) {
            Map<String, List<Map<String, Object>>> children = new LinkedHashMap<>();
            Map<String, Object> line = strip(node, connection.object(), idOf(node), "", children);
            lines.add(new RootLine(line, children));
        }
        return lines;
    }

    /**
     * The node's fields without its connections, whose items go to {@code children} as lines with
     * {@code __parentId = lineId}.
     */
    private Map<String, Object> strip(Map<String, Object> node, BulkQueryShape.ObjectShape shape, String lineId,
            String path, Map<String, List<Map<String, Object>>> children) {
        Map<String, Object> line = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : node.entrySet()) {
            BulkQueryShape.FieldShape field = shape.field(entry.getKey());
            Object value = entry.getValue();
            if (field == null || field.kind() == BulkQueryShape.Kind.LEAF || value == null) {
                line.put(entry.getKey(), value);
                continue;
            }
            switch (field.kind()) {
                case CONNECTION -> {
                    List<Map<String, Object>> items = children.computeIfAbsent(path + field.key(),
                            k -> new ArrayList<>());
                    for (Map<String, Object> child : field.nodesOf(value)) {
                        Map<String, Object> childLine = strip(child, field.object(), idOf(child),
                                path + field.key() + ".", children);
                        childLine.put(PARENT_ID, lineId);
                        items.add(childLine);
                    }
                }
                case OBJECT -> line.put(entry.getKey(),
                        strip(asMap(value), field.object(), lineId, path + field.key() + ".", children));
                case LIST -> line.put(entry.getKey(), stripList((List<?>) value, field, lineId, path, children));
                default -> line.put(entry.getKey(), value);
            }
        }
        return line;
    }

    private List<Object> stripList(List<?> values, BulkQueryShape.FieldShape field, String lineId, String path,
            Map<String, List<Map<String, Object>>> children) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object value : values) {
            out.add(value instanceof Map<?, ?> ? strip(asMap(value), field.object(), lineId,
                    path + field.key() + ".", children)
                    : value instanceof List<?> nested ? stripList(nested, field, lineId, path, children) : value);
        }
        return out;
    }

    private long write(OutputStream out, Map<String, Object> line) throws IOException {
        try {
            out.write(json.writeValueAsBytes(line));
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        out.write('\n');
        return 1;
    }

    private long writeAll(OutputStream out, List<Map<String, Object>> lines) throws IOException {
        for (Map<String, Object> line : lines) {
            write(out, line);
        }
        return lines.size();
    }

    private static String idOf(Map<String, Object> node) {
        return node.get("id") instanceof String id ? id : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** Shopify's files escape every {@code /} (see the captured results); Jackson does not by default. */
    private static final class SlashEscapes extends CharacterEscapes {

        private static final SerializedString SLASH = new SerializedString("\\/");
        private final int[] escapes;

        SlashEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['/'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == '/' ? SLASH : null;
        }
    }
}
