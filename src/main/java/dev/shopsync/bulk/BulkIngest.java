package dev.shopsync.bulk;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.time.Deadline;

/**
 * Streams one bulk result file into PostgreSQL from a checkpoint: lines are parsed one at a time and written in
 * chunks of {@code shopsync.bulk.chunk-lines}, each chunk with the checkpoint after it in one transaction. It stops
 * at the end of the file or before the deadline, between chunks; memory holds one chunk, whatever the file's size. A
 * body that stalls fails the step after {@code shopsync.bulk.download-idle-timeout}, or ends it at the deadline.
 */
@ApplicationScoped
public class BulkIngest {

    private static final Logger LOG = Logger.getLogger(BulkIngest.class);
    /** Assumed time to read and commit a chunk before one has been measured. */
    private static final Duration FIRST_CHUNK_ESTIMATE = Duration.ofSeconds(1);

    private final BulkChunkWriter chunks;
    private final BulkConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    /** Closes a result body that stalls (see {@link BulkResultStream}). */
    private final ScheduledExecutorService watchdog;

    public BulkIngest(BulkChunkWriter chunks, BulkConfig config, ObjectMapper json) {
        this.chunks = chunks;
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.downloadTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bulk-download-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // one alarm per read of the body, nearly all cancelled: drop them at once instead of at their due time
        watchdog.setRemoveOnCancelPolicy(true);
        this.watchdog = watchdog;
    }

    @PreDestroy
    void stopWatchdog() {
        watchdog.shutdownNow();
    }

    /** Where an ingest stopped. */
    public record Progress(BulkCheckpoint checkpoint, boolean endOfFile, int linesWritten) {
    }

    /**
     * @throws BulkResultGoneException when the URL no longer serves the file
     */
    public Progress ingest(String shop, long shopId, BulkResource resource, String url, BulkCheckpoint from,
            Deadline deadline) {
        BulkCheckpoint at = from;
        int written = 0;
        Duration chunkEstimate = FIRST_CHUNK_ESTIMATE;
        try (BulkResultStream stream = BulkResultStream.open(http, url, from.bytes(), config.downloadTimeout(),
                config.downloadIdleTimeout(), deadline, watchdog)) {
            while (true) {
                if (!deadline.allows(chunkEstimate, Duration.ZERO)) {
                    return new Progress(at, false, written);
                }
                long began = System.nanoTime();
                List<BulkLine> lines = new ArrayList<>(config.chunkLines());
                byte[] line;
                while (lines.size() < config.chunkLines() && (line = stream.nextLine()) != null) {
                    if (line.length == 0) {
                        continue;
                    }
                    lines.add(parse(line, at.lines() + lines.size() + 1, resource));
                }
                if (lines.isEmpty()) {
                    return new Progress(at, true, written);
                }
                BulkCheckpoint next = new BulkCheckpoint(at.operationId(), at.lines() + lines.size(),
                        stream.position());
                chunks.commit(shop, shopId, resource, lines, at, next);
                at = next;
                written += lines.size();
                Duration took = Duration.ofNanos(System.nanoTime() - began);
                chunkEstimate = took.compareTo(chunkEstimate) > 0 ? took : chunkEstimate;
            }
        }
    }

    private BulkLine parse(byte[] line, long number, BulkResource resource) {
        try {
            return BulkLine.of(json.readTree(line));
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf("bulk result of %s: line %d is not a result line: %s", resource.resource(), number,
                    e.getMessage());
            throw new IllegalStateException("bulk result line " + number + " of " + resource.resource()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }
}
