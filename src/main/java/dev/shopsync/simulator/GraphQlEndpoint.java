package dev.shopsync.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

/**
 * {@code POST /shops/<domain>/admin/api/<version>/graphql.json}: the Admin GraphQL endpoint of every simulated shop.
 * In order: faults from the shop's {@link FaultPlan}, method, token, version, parse and validate, cost check against
 * the 1,000 limit, reservation in the shop's bucket (or THROTTLED during an injected burst), execution, refund of the
 * unused cost, and the answer, late when the plan says so.
 */
final class GraphQlEndpoint implements HttpHandler {

    /** Oldest first: an unsupported version falls forward to the first one. */
    static final List<String> SUPPORTED_VERSIONS = List.of("2025-10", "2026-01", "2026-04", "2026-07", "2026-10");

    private static final String DOCUMENT_KEY = GraphQlEndpoint.class.getName() + ".document";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final System.Logger LOG = System.getLogger(GraphQlEndpoint.class.getName());

    private final Function<String, SimulatedShop> shops;
    private final Duration latency;
    private final GraphQLSchema schema;
    private final GraphQL graphQL;
    private final QueryCostCalculator costs;
    private final ObjectMapper json = new ObjectMapper();
    private final AnswerWriter writer = new AnswerWriter(json);

    GraphQlEndpoint(Function<String, SimulatedShop> shops, Duration latency, GraphQLSchema schema) {
        this.shops = shops;
        this.latency = latency;
        this.schema = schema;
        this.costs = new QueryCostCalculator(schema);
        // The endpoint has parsed and validated the document already; hand it to graphql-java as is.
        this.graphQL = GraphQL.newGraphQL(schema)
                .preparsedDocumentProvider((input, parseAndValidate) -> {
                    Document document = input.getGraphQLContext().get(DOCUMENT_KEY);
                    return CompletableFuture.completedFuture(document != null ? new PreparsedDocumentEntry(document)
                            : parseAndValidate.apply(input));
                })
                .build();
    }

    static String resolveVersion(String requested) {
        return SUPPORTED_VERSIONS.contains(requested) ? requested : SUPPORTED_VERSIONS.get(0);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            pause(latency);
            HttpAnswer answer;
            try {
                answer = respond(exchange);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "simulator failed on " + exchange.getRequestURI(), e);
                answer = new HttpAnswer(500, ErrorBodies.message("Internal Server Error"), null, null);
            }
            pause(answer.lateBy());
            writer.write(exchange, answer);
        }
    }

    private HttpAnswer respond(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        // "", "shops", domain, "admin", "api", version, "graphql.json"
        boolean wellFormed = path.length == 7 && path[1].equals("shops") && path[3].equals("admin")
                && path[4].equals("api") && path[6].equals("graphql.json");
        SimulatedShop shop = wellFormed ? shops.apply(path[2]) : null;
        if (shop == null) {
            return new HttpAnswer(404, ErrorBodies.message("Not Found"), null, null);
        }
        String version = resolveVersion(path[5]);
        SimCounters counters = shop.counters();
        counters.request();
        if (AnswerWriter.acceptsGzip(exchange)) {
            counters.gzipRequest();
        }

        // Faults that replace the answer go out before anything is read, charged or executed. A burst THROTTLED
        // still needs the query, for the cost it reports; a slow answer is a normal one, only late.
        FaultPlan.Fault fault = shop.faults().next();
        switch (fault.kind()) {
            case HTTP_429 -> {
                counters.http429Response();
                return new HttpAnswer(429, ErrorBodies.tooManyRequests(), version, fault.retryAfter());
            }
            case HTTP_5XX -> {
                counters.http5xxResponse();
                return new HttpAnswer(fault.status(), ErrorBodies.message("Internal Server Error"), version, null);
            }
            case DROP_CONNECTION -> {
                counters.droppedConnection();
                return HttpAnswer.dropped();
            }
            case TRUNCATE_BODY -> {
                // The client never sees this body whole, so what it says matters less than that it is cut short.
                counters.truncatedBody();
                return new HttpAnswer(200, ErrorBodies.message("Internal Server Error"), version, null)
                        .delivered(HttpAnswer.Delivery.TRUNCATED);
            }
            case SLOW -> {
                counters.slowResponse();
                return serve(exchange, shop, version, false).late(fault.delay());
            }
            case THROTTLED -> {
                return serve(exchange, shop, version, true);
            }
            default -> {
                return serve(exchange, shop, version, false);
            }
        }
    }

    /** Normal service: method, token, body, then the query; {@code burst} answers THROTTLED instead of reserving. */
    private HttpAnswer serve(HttpExchange exchange, SimulatedShop shop, String version, boolean burst)
            throws IOException {
        SimCounters counters = shop.counters();
        if (!"POST".equals(exchange.getRequestMethod())) {
            return new HttpAnswer(405, ErrorBodies.message("Method Not Allowed"), version, null);
        }
        String accepted = shop.accessToken(); // null while the app is uninstalled
        if (accepted == null || !accepted.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
            counters.unauthorizedResponse();
            return new HttpAnswer(401, ErrorBodies.unauthorized(), version, null);
        }

        GraphQlRequest request = GraphQlRequest.read(exchange, json);
        if (request == null) {
            counters.invalidQuery();
            return new HttpAnswer(400, Map.of("errors", Map.of("query", "Required parameter missing or invalid")),
                    version, null);
        }
        return new HttpAnswer(200, execute(shop, request, version, burst), version, null);
    }

    private Map<String, Object> execute(SimulatedShop shop, GraphQlRequest request, String version, boolean burst) {
        SimCounters counters = shop.counters();
        Document document;
        try {
            document = Parser.parse(request.query());
        } catch (InvalidSyntaxException e) {
            counters.invalidQuery();
            return Map.of("errors", ErrorBodies.invalidQuery(List.of(e.toInvalidSyntaxError())));
        }
        List<ValidationError> invalid = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            counters.invalidQuery();
            return Map.of("errors", ErrorBodies.invalidQuery(invalid));
        }
        int requested;
        try {
            requested = costs.requestedCost(document, request.variables(), request.operationName());
        } catch (IllegalArgumentException e) {
            counters.invalidQuery();
            return ErrorBodies.requestError(e.getMessage(), "operationNotFound");
        }
        if (requested > ErrorBodies.MAX_QUERY_COST) {
            counters.maxCostExceededResponse();
            return ErrorBodies.maxCostExceeded(requested);
        }
        if (burst) {
            // Another app drained the bucket: the answer a refused reservation gives, with the bucket as it is.
            counters.burstThrottledResponse();
            return ErrorBodies.throttled(requested, shop.bucket().status(shop.clock().instant()));
        }
        LeakyBucket.Reservation reservation = shop.bucket().tryReserve(requested, shop.clock().instant());
        if (!reservation.granted()) {
            counters.throttledResponse();
            return ErrorBodies.throttled(requested, reservation.status());
        }

        Instant now = shop.clock().instant();
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .root(new ShopGraph(shop, now).root())
                .graphQLContext(Map.of(DOCUMENT_KEY, document, BulkOperationGraph.API_VERSION_KEY, version))
                .locale(Locale.ENGLISH)
                .build());
        if (!result.isDataPresent()) {
            // Rejected before running (e.g. a variable of the wrong type): nothing was spent.
            shop.bucket().refund(requested, shop.clock().instant());
            counters.invalidQuery();
            return Map.of("errors", ErrorBodies.invalidQuery(result.getErrors()));
        }
        Map<String, Object> data = result.getData();
        int actual = costs.actualCost(document, request.variables(), request.operationName(), data);
        ThrottleSnapshot status = shop.bucket().refund(requested - actual, shop.clock().instant());
        counters.executed(requested, actual);

        Map<String, Object> body = new LinkedHashMap<>();
        List<GraphQLError> errors = result.getErrors();
        if (!errors.isEmpty()) {
            body.put("errors", ErrorBodies.fieldErrors(errors));
        }
        body.put("data", data);
        body.put("extensions", Map.of("cost", ErrorBodies.cost(requested, actual, status)));
        return body;
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The three parts of a GraphQL POST, from a JSON body or an {@code application/graphql} one. */
    private record GraphQlRequest(String query, Map<String, Object> variables, String operationName) {

        static GraphQlRequest read(HttpExchange exchange, ObjectMapper json) throws IOException {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/graphql")) {
                String query = new String(bytes, StandardCharsets.UTF_8);
                return query.isBlank() ? null : new GraphQlRequest(query, Map.of(), null);
            }
            Map<String, Object> body;
            try {
                body = json.readValue(bytes, JSON_OBJECT);
            } catch (IOException e) {
                return null;
            }
            if (body == null || !(body.get("query") instanceof String query) || query.isBlank()) {
                return null;
            }
            Object variables = body.get("variables");
            if (variables instanceof String text && !text.isBlank()) {
                try {
                    variables = json.readValue(text, JSON_OBJECT);
                } catch (IOException e) {
                    return null;
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variableMap = variables instanceof Map<?, ?> map
                    ? new LinkedHashMap<>((Map<String, Object>) map)
                    : new LinkedHashMap<>();
            String operationName = body.get("operationName") instanceof String name && !name.isBlank() ? name : null;
            return new GraphQlRequest(query, variableMap, operationName);
        }
    }
}
