package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** The bulk calls a client makes, over HTTP against one shop, and the JSONL lines a test expects. */
final class BulkApi {

    static final String CANCEL = "mutation($id: ID!) { bulkOperationCancel(id: $id) {"
            + " bulkOperation { id status url } userErrors { field message } } }";
    static final String RUN_GROUPED = "mutation($query: String!) { bulkOperationRunQuery(query: $query,"
            + " groupObjects: true) { bulkOperation { id status } userErrors { field message code } } }";

    private final SimulatorClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    BulkApi(SimulatorClient client) {
        this.client = client;
    }

    /** The {@code bulkOperationRunQuery} payload. */
    JsonNode run(String innerQuery) {
        SimulatorClient.Reply reply = client.post(BulkCaptures.RUN_MUTATION, Map.of("query", innerQuery));
        assertEquals(200, reply.status(), () -> new String(reply.raw(), StandardCharsets.UTF_8));
        return reply.data().path("bulkOperationRunQuery");
    }

    JsonNode runGrouped(String innerQuery) {
        return client.post(RUN_GROUPED, Map.of("query", innerQuery)).data().path("bulkOperationRunQuery");
    }

    /** Runs and expects it accepted; the new operation's GID. */
    String start(String innerQuery) {
        JsonNode payload = run(innerQuery);
        assertEquals(0, payload.path("userErrors").size(), payload::toString);
        return payload.path("bulkOperation").path("id").asText();
    }

    JsonNode poll(String gid) {
        return client.post(BulkCaptures.POLL, Map.of("id", gid)).data().path("bulkOperation");
    }

    SimulatorClient.Reply post(String query, Map<String, Object> variables) {
        return client.post(query, variables);
    }

    HttpResponse<byte[]> download(String url, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> head(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        assertEquals("", lines.remove(lines.size() - 1), "the file ends with a newline");
        return lines;
    }

    /** One line as Shopify writes it: compact JSON, keys in the given order, every {@code /} escaped. */
    static String line(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return SimulatorClient.JSON.writeValueAsString(object).replace("/", "\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of {@link BulkCaptures#PRODUCTS_QUERY} for one product: its own, then its variants', media's. */
    static List<String> productLine(ProductTruth p) {
        return List.of(line("id", p.gid(), "title", p.title()));
    }

    static List<String> variantLines(ProductTruth p) {
        List<String> lines = new ArrayList<>();
        for (VariantTruth v : p.variants()) {
            lines.add(line("id", v.gid(), "title", v.title(), "sku", v.sku(), "__parentId", p.gid()));
        }
        return lines;
    }

    static List<String> mediaLines(ProductTruth p) {
        List<String> lines = new ArrayList<>();
        for (ProductMedia.Image image : ProductMedia.of(p)) {
            lines.add(line("id", image.gid(), "alt", image.alt(), "mediaContentType", "IMAGE", "__parentId",
                    p.gid()));
        }
        return lines;
    }

    /** The whole file for groupObjects false: per page of 250 roots, the roots, then variants, then media. */
    static List<String> productsFile(List<ProductTruth> products) {
        List<String> lines = new ArrayList<>();
        for (int from = 0; from < products.size(); from += ConnectionPager.MAX_PAGE_SIZE) {
            List<ProductTruth> page = products.subList(from,
                    Math.min(products.size(), from + ConnectionPager.MAX_PAGE_SIZE));
            page.forEach(p -> lines.addAll(productLine(p)));
            page.forEach(p -> lines.addAll(variantLines(p)));
            page.forEach(p -> lines.addAll(mediaLines(p)));
        }
        return lines;
    }

    /** The whole file for groupObjects true: each root followed by its children. */
    static List<String> productsFileGrouped(List<ProductTruth> products) {
        List<String> lines = new ArrayList<>();
        for (ProductTruth p : products) {
            lines.addAll(productLine(p));
            lines.addAll(variantLines(p));
            lines.addAll(mediaLines(p));
        }
        return lines;
    }
}
