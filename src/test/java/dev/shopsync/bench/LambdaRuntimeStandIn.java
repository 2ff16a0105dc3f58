package dev.shopsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the AWS Lambda Runtime API (version 2018-06-01), the HTTP interface a function polls for its
 * next event and posts its answer to: enough to start the packaged function as Lambda starts it
 * ({@code AWS_LAMBDA_RUNTIME_API=host:port}) and to time it. One invocation at a time: {@link #invoke} hands out
 * an event and returns when the function answered (or reported an error).
 */
final class LambdaRuntimeStandIn implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What one invocation measured, in nanoTime. */
    record Invocation(long polledAt, long answeredAt, String body, boolean error) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile CompletableFuture<Invocation> pending;
    private volatile long polledAt;

    LambdaRuntimeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues the event, waits for the function to take it and answer.
     *
     * @throws IllegalStateException when no answer came in time
     */
    Invocation invoke(String event, Duration timeout) throws Exception {
        CompletableFuture<Invocation> answer = new CompletableFuture<>();
        pending = answer;
        events.put(event);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            events.clear();
            throw new IllegalStateException("the function did not answer within " + timeout.toSeconds() + " s");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.equals("invocation/next")) {
            next(exchange);
            return;
        }
        long now = System.nanoTime();
        CompletableFuture<Invocation> answer = pending;
        if (path.startsWith("invocation/") && path.endsWith("/response") && answer != null) {
            answer.complete(new Invocation(polledAt, now, new String(body, StandardCharsets.UTF_8), false));
        } else if (path.endsWith("/error") && answer != null) {
            answer.complete(new Invocation(polledAt, now, new String(body, StandardCharsets.UTF_8), true));
        }
        reply(exchange, 202, new byte[0]);
    }

    /** Long poll, as Lambda's: the function's thread waits here between invocations. */
    private void next(HttpExchange exchange) throws IOException {
        String event;
        try {
            event = events.poll(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            event = null;
        }
        if (event == null) {
            reply(exchange, 500, new byte[0]);
            return;
        }
        polledAt = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", requestId);
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 300_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:cold-start");
        // sampled, as active tracing passes it to an invocation X-Ray chose to trace
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                "Root=1-6753a0f0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, 200, event.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
