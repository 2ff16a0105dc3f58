package dev.shopsync.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * A bulk result file read line by line from a byte offset: a resumed read asks for the rest with {@code Range}
 * (or skips to the offset when the server sends the whole file), so memory holds one line, never the file.
 */
final class BulkResultStream implements AutoCloseable {

    private static final int NEWLINE = '\n';

    private final InputStream body;
    private long position;
    /** What was read from the body and not yet returned. */
    private final byte[] read = new byte[64 * 1024];
    private int readPosition;
    private int readLimit;
    /** The line being assembled; grows to the longest line seen. */
    private byte[] line = new byte[8 * 1024];

    private BulkResultStream(InputStream body, long position) {
        this.body = body;
        this.position = position;
    }

    /**
     * @throws BulkResultGoneException when the server refuses the URL (expired signature, deleted file)
     * @throws UncheckedIOException    on any other failure to reach it (retried by a later invocation)
     */
    static BulkResultStream open(HttpClient http, String url, long fromByte, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (fromByte > 0) {
            request.header("Range", "bytes=" + fromByte + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
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
                return new BulkResultStream(InputStream.nullInputStream(), fromByte);
            }
            if (status == 400 || status == 401 || status == 403 || status == 404 || status == 410) {
                body.close();
                throw new BulkResultGoneException("bulk result URL answered HTTP " + status);
            }
            if (status == 206) {
                return new BulkResultStream(body, fromByte);
            }
            if (status == 200) {
                body.skipNBytes(fromByte);
                return new BulkResultStream(body, fromByte);
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
                    readLimit = body.read(read, 0, read.length);
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
