package dev.shopsync.bulk;

import java.io.IOException;
import java.net.http.HttpClient;
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
 * chunks of {@code shopsync.bulk.chunk-lines}, each chunk with the checkpoint after it in one transaction; memory
 * holds one chunk, whatever the file's size. A body that stalls fails the read after
 * {@code shopsync.bulk.download-idle-timeout}, or ends it at the deadline.
 */
@ApplicationScoped
public class BulkIngest {

    private static final Logger LOG = Logger.getLogger(BulkIngest.class);

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

    /**
     * Opens the result at {@code from} for reading chunk by chunk; the caller closes it.
     *
     * @param deadline ends a read of the body that would outlast it (see {@link BulkResultStream})
     * @throws BulkResultGoneException when the URL no longer serves the file
     */
    public Reading open(String shop, long shopId, BulkResource resource, String url, BulkCheckpoint from,
            Deadline deadline) {
        return new Reading(shop, shopId, resource, BulkResultStream.open(http, url, from.bytes(),
                config.downloadTimeout(), config.downloadIdleTimeout(), deadline, watchdog), from);
    }

    /**
     * One result file being read: each {@link #next} reads one chunk and commits it with the checkpoint after it.
     * Whoever drives it decides when to stop between chunks (the slice loop: the deadline and the page budget).
     */
    public final class Reading implements AutoCloseable {

        private final String shop;
        private final long shopId;
        private final BulkResource resource;
        private final BulkResultStream stream;
        private BulkCheckpoint at;

        private Reading(String shop, long shopId, BulkResource resource, BulkResultStream stream,
                BulkCheckpoint from) {
            this.shop = shop;
            this.shopId = shopId;
            this.resource = resource;
            this.stream = stream;
            this.at = from;
        }

        /**
         * Reads the next chunk and commits it.
         *
         * @return the lines it committed; 0 at the end of the file
         */
        public int next() {
            List<BulkLine> lines = new ArrayList<>(config.chunkLines());
            byte[] line;
            while (lines.size() < config.chunkLines() && (line = stream.nextLine()) != null) {
                if (line.length == 0) {
                    continue;
                }
                lines.add(parse(line, at.lines() + lines.size() + 1, resource));
            }
            if (lines.isEmpty()) {
                return 0;
            }
            BulkCheckpoint next = new BulkCheckpoint(at.operationId(), at.lines() + lines.size(), stream.position());
            chunks.commit(shop, shopId, resource, lines, at, next);
            at = next;
            return lines.size();
        }

        /** The checkpoint after the last committed chunk. */
        public BulkCheckpoint checkpoint() {
            return at;
        }

        @Override
        public void close() {
            stream.close();
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
