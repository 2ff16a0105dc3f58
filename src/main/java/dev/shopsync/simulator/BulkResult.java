package dev.shopsync.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * A written JSONL result: its file, how many lines, and which of them are roots (one bit a line, so a running
 * operation can report {@code rootObjectCount} for any prefix without reading the file again).
 */
record BulkResult(Path file, long lines, BitSet roots, long bytes) {

    static BulkResult empty(Path file) {
        return new BulkResult(file, 0, new BitSet(), 0);
    }

    /** Root lines among the first {@code lines} lines. */
    long rootsIn(long lines) {
        int end = (int) Math.min(lines, this.lines);
        return end <= 0 ? 0 : roots.get(0, end).cardinality();
    }

    /** The first {@code count} whole lines, copied to {@code target}: what a failed operation got to write. */
    BulkResult prefix(long count, Path target) {
        long copied = 0;
        long bytesCopied = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            int b;
            while (copied < count && (b = in.read()) != -1) {
                out.write(b);
                bytesCopied++;
                if (b == '\n') {
                    copied++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the partial bulk result", e);
        }
        return new BulkResult(target, copied, roots.get(0, (int) copied), bytesCopied);
    }
}
