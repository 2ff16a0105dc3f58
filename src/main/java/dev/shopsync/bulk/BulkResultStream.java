package dev.shopsync.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.shopsync.time.Deadline;
import dev.shopsync.time.DeadlineReachedException;

/**
 * A bulk result file read line by line from a byte offset: a resumed read asks for the rest with {@code Range}
 * (or skips to the offset when the server sends the whole file), so memory holds one line, never the file.
 *
 * <p>The JDK's request timeout ends with the headers; a body that stops arriving would block a read for ever. So every
 * read of the body is watched: when no byte came for {@code idleTimeout}, or the deadline came first, the body is
 * closed under the blocked read, which then fails (a stall) or ends the step (the deadline). What was committed stays,
 * the next read resumes at the checkpoint.
 */
final class BulkResultStream implements AutoCloseable {

    private static final int NEWLINE = '\n';

    /** Why the body was closed under a read. */
    private enum Abandoned {
        IDLE, DEADLINE
    }

    private final InputStream body;
    private final Duration idleTimeout;
    private final Deadline deadline;
    private final ScheduledExecutorService watchdog;
    private volatile Abandoned abandoned;
    private long position;
    /** What was read from the body and not yet returned. */
    private final byte[] read = new byte[64 * 1024];
    private int readPosition;
    private int readLimit;
    /** The line being assembled; grows to the longest line seen. */
    private byte[] line = new byte[8 * 1024];

    private BulkResultStream(InputStream body, long position, Duration idleTimeout, Deadline deadline,
            ScheduledExecutorService watchdog) {
        this.body = body;
        this.position = position;
        this.idleTimeout = idleTimeout;
        this.deadline = deadline;
        this.watchdog = watchdog;
    }

    /**
     * @param timeout     for connecting and the response headers (never beyond the deadline)
     * @param idleTimeout longest wait for the next bytes of the body (never beyond the deadline)
     * @param watchdog    closes a stalled body; one thread serves every stream
     * @throws BulkResultGoneException   when the server refuses the URL (expired signature, deleted file)
     * @throws DeadlineReachedException  when the deadline came before the headers
     * @throws UncheckedIOException      on any other failure to reach it (retried by a later invocation)
     */
    static BulkResultStream open(HttpClient http, String url, long fromByte, Duration timeout, Duration idleTimeout,
            Deadline deadline, ScheduledExecutorService watchdog) {
        Duration left = deadline.remaining();
        if (left.toMillis() < 1) {
            throw DeadlineReachedException.noAnswerWithin("bulk result download", left);
        }
        boolean clamped = left.compareTo(timeout) < 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(clamped ? left : timeout).GET();
        if (fromByte > 0) {
            request.header("Range", "bytes=" + fromByte + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            if (clamped) {
                throw DeadlineReachedException.noAnswerWithin("bulk result download", left);
            }
            throw new UncheckedIOException("bulk result not reachable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("bulk result not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while opening the bulk result", e));
        }
        int status = response.statusCode();
        InputStream body = response.body();
        try {
            if (status == 416) {
                // the offset is the file's end: nothing left to read
                body.close();
                return new BulkResultStream(InputStream.nullInputStream(), fromByte, idleTimeout, deadline, watchdog);
            }
            if (status == 400 || status == 401 || status == 403 || status == 404 || status == 410) {
                body.close();
                throw new BulkResultGoneException("bulk result URL answered HTTP " + status);
            }
            if (status == 206) {
                return new BulkResultStream(body, fromByte, idleTimeout, deadline, watchdog);
            }
            if (status == 200) {
                BulkResultStream stream = new BulkResultStream(body, fromByte, idleTimeout, deadline, watchdog);
                stream.skip(fromByte);
                return stream;
            }
            body.close();
            throw new UncheckedIOException(new IOException("bulk result URL answered HTTP " + status));
        } catch (IOException e) {
            throw new UncheckedIOException("bulk result not readable: " + e.getMessage(), e);
        }
    }

    /** The next line without its newline, or null at the end of the file. */
    byte[] nextLine() {
        int length = 0;
        try {
            while (true) {
                if (readPosition == readLimit) {
                    readLimit = watched(() -> body.read(read, 0, read.length));
                    readPosition = 0;
                    if (readLimit <= 0) {
                        readLimit = 0;
                        if (length == 0) {
                            return null;
                        }
                        // a last line without a newline counts as a line; a cut one fails to parse, never half-applied
                        position += length;
                        return Arrays.copyOf(line, length);
                    }
                }
                int newline = -1;
                for (int i = readPosition; i < readLimit; i++) {
                    if (read[i] == NEWLINE) {
                        newline = i;
                        break;
                    }
                }
                int end = newline < 0 ? readLimit : newline;
                int take = end - readPosition;
                if (length + take > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
                }
                System.arraycopy(read, readPosition, line, length, take);
                length += take;
                readPosition = end;
                if (newline >= 0) {
                    readPosition++;
                    position += length + 1;
                    return Arrays.copyOf(line, length);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bulk result read failed at byte " + position + ": " + e.getMessage(), e);
        }
    }

    /** Skips what a server that ignored {@code Range} sends before the offset, watched like any read. */
    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipping = left;
            long skipped = watched(() -> (int) body.skip(Math.min(skipping, read.length)));
            if (skipped <= 0) {
                if (watched(body::read) < 0) {
                    throw new IOException("the bulk result ended before byte " + bytes);
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private interface BodyRead {
        int read() throws IOException;
    }

    /** One blocking read of the body, which is closed under it when it outlasts the idle timeout or the deadline. */
    private int watched(BodyRead bodyRead) throws IOException {
        Duration left = deadline.remaining();
        Abandoned reason = left.compareTo(idleTimeout) < 0 ? Abandoned.DEADLINE : Abandoned.IDLE;
        Duration wait = reason == Abandoned.DEADLINE ? left : idleTimeout;
        ScheduledFuture<?> alarm = watchdog.schedule(() -> abandon(reason), Math.max(1, wait.toMillis()),
                TimeUnit.MILLISECONDS);
        int n;
        try {
            n = bodyRead.read();
        } catch (IOException e) {
            throwIfAbandoned(wait);
            throw e;
        } finally {
            alarm.cancel(false);
        }
        // a closed body may also read as its end: never take that for the end of the file
        throwIfAbandoned(wait);
        return n;
    }

    private void abandon(Abandoned reason) {
        abandoned = reason;
        close();
    }

    private void throwIfAbandoned(Duration waited) {
        Abandoned reason = abandoned;
        if (reason == Abandoned.DEADLINE) {
            throw DeadlineReachedException.noAnswerWithin("bulk result download at byte " + position, waited);
        }
        if (reason == Abandoned.IDLE) {
            throw new UncheckedIOException(new IOException("bulk result download stalled: no byte for "
                    + waited.toMillis() + " ms at byte " + position));
        }
    }

    /** Bytes of the file before the next line. */
    long position() {
        return position;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing was going to be read any more
        }
    }
}
