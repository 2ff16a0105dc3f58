package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random-but-reproducible stock movements of an inventory item: at some of its levels (at least one) units are
 * received, sold (committed), shipped or expected. Every touched level and the item get {@code updatedAt = at};
 * {@code onHand = available + committed} still holds and nothing goes below zero.
 */
final class InventoryEdits {

    private final SplittableRandom random;

    InventoryEdits(SplittableRandom random) {
        this.random = random;
    }

    SplittableRandom random() {
        return random;
    }

    InventoryItemTruth adjust(InventoryItemTruth item, Instant at) {
        List<InventoryLevelTruth> levels = new ArrayList<>(item.levels());
        if (levels.isEmpty()) {
            return new InventoryItemTruth(item.id(), item.gid(), item.variantId(), item.sku(), item.tracked(),
                    item.createdAt(), at, levels);
        }
        int forced = random.nextInt(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            if (i == forced || random.nextDouble() < 0.2) {
                levels.set(i, move(item.id(), levels.get(i), at));
            }
        }
        return new InventoryItemTruth(item.id(), item.gid(), item.variantId(), item.sku(), item.tracked(),
                item.createdAt(), at, levels);
    }

    private InventoryLevelTruth move(long itemId, InventoryLevelTruth l, Instant at) {
        int available = l.available();
        int committed = l.committed();
        int incoming = l.incoming();
        switch (random.nextInt(4)) {
            case 0 -> {
                int received = 1 + random.nextInt(Math.max(1, incoming) + 20);
                available += received;
                incoming = Math.max(0, incoming - received);
            }
            case 1 -> {
                int sold = Math.min(available, 1 + random.nextInt(5));
                available -= sold;
                committed += sold;
                if (sold == 0) {
                    incoming += 1 + random.nextInt(30);
                }
            }
            case 2 -> {
                if (committed > 0) {
                    committed -= 1 + random.nextInt(committed);
                } else {
                    available += 1 + random.nextInt(10);
                }
            }
            default -> incoming += 1 + random.nextInt(30);
        }
        return InventoryGenerator.level(itemId, l.locationId(), available, committed, incoming, at);
    }
}
