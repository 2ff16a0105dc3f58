package dev.shopsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Creation and last-update instants for the rows of one generated resource, shaped like products' (whole seconds in
 * [baseTime - 400 days, baseTime - 1 h], creation ascending so ids can grow with it, about one row in ten sharing its
 * {@code updated_at} second with others through a few bulk edits).
 */
final class Timeline {

    private static final double SHARED_UPDATE_SHARE = 0.10;

    private final Instant[] created;
    private final Instant[] updated;

    private Timeline(Instant[] created, Instant[] updated) {
        this.created = created;
        this.updated = updated;
    }

    static Timeline draw(SplittableRandom random, Instant baseTime, int count) {
        Instant from = baseTime.minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        Instant to = baseTime.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long span = Duration.between(from, to).toSeconds();
        long[] createdOffsets = new long[count];
        for (int i = 0; i < count; i++) {
            createdOffsets[i] = random.nextLong(span + 1);
        }
        Arrays.sort(createdOffsets);
        long[] bulkEdits = new long[Math.max(1, count / 40)];
        for (int i = 0; i < bulkEdits.length; i++) {
            bulkEdits[i] = random.nextLong(span + 1);
        }
        Arrays.sort(bulkEdits);

        Instant[] created = new Instant[count];
        Instant[] updated = new Instant[count];
        for (int i = 0; i < count; i++) {
            long c = createdOffsets[i];
            long u = random.nextDouble() < 0.3 ? c : c + random.nextLong(span - c + 1);
            if (random.nextDouble() < SHARED_UPDATE_SHARE) {
                int firstPossible = firstAtLeast(bulkEdits, c);
                if (firstPossible < bulkEdits.length) {
                    u = bulkEdits[firstPossible + random.nextInt(bulkEdits.length - firstPossible)];
                }
            }
            created[i] = from.plusSeconds(c);
            updated[i] = from.plusSeconds(u);
        }
        return new Timeline(created, updated);
    }

    Instant createdAt(int index) {
        return created[index];
    }

    Instant updatedAt(int index) {
        return updated[index];
    }

    private static int firstAtLeast(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }
}
