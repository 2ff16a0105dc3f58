package dev.shopsync.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The simulator's stand-in for Shopify's result bucket: JSONL files in one temporary directory (made on first use,
 * deleted on {@link #close}), each published under an unguessable token at
 * {@code <baseUrl>/bulk-results/<token>.jsonl}.
 */
final class BulkResultFiles implements AutoCloseable {

    static final String PATH = "/bulk-results/";

    /**
     * A published file and what its downloads depend on: whether its URL has expired, whether the next download is
     * to be cut ({@code cutAfter} answers a byte count once, else -1) or to stall ({@code stall} answers one
     * {@link Stall} once, else null), and whose counters it feeds.
     */
    record Served(Path file, BooleanSupplier expired, LongSupplier cutAfter, Supplier<Stall> stall,
            SimCounters counters) {
    }

    /** A download that sends {@code afterBytes} of its body, then nothing for {@code silence}, then is closed. */
    record Stall(long afterBytes, Duration silence) {
    }

    private final String baseUrl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Served> published = new ConcurrentHashMap<>();
    private Path directory;

    /** @param baseUrl e.g. {@code http://127.0.0.1:<port>}, without a trailing slash */
    BulkResultFiles(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    synchronized Path newFile() {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("shopify-bulk-results-");
            }
            return Files.createTempFile(directory, "bulk-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a bulk result file", e);
        }
    }

    /** @return the absolute URL that serves {@code served.file()} */
    String publish(Served served) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        published.put(token, served);
        return baseUrl + PATH + token + ".jsonl";
    }

    /** The file behind a token (the last path segment without {@code .jsonl}), or null. */
    Served find(String token) {
        return published.get(token);
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temp file left behind is harmless; close() sweeps the directory anyway.
        }
    }

    @Override
    public synchronized void close() {
        published.clear();
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(BulkResultFiles::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
        directory = null;
    }
}
