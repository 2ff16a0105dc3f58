package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The random-but-reproducible changes a collection goes through: a new title, products added at the end, products
 * removed. At least one of them happens; the collection always gets {@code updatedAt = at}. The handle stays, as on
 * Shopify when a merchant renames a collection.
 */
final class CollectionEdits {

    private final SplittableRandom random;
    private final CollectionGenerator generator;

    CollectionEdits(SplittableRandom random) {
        this.random = random;
        this.generator = new CollectionGenerator(random);
    }

    SplittableRandom random() {
        return random;
    }

    /** @param productIds the live products, ascending */
    CollectionTruth edit(CollectionTruth c, Instant at, List<Long> productIds) {
        String title = c.title();
        List<Long> members = new ArrayList<>(c.productIds());
        double change = random.nextDouble();
        if (change < 0.4) {
            String renamed = generator.title();
            title = renamed.equals(title) ? renamed + " " + (1 + random.nextInt(9)) : renamed;
        }
        if (change >= 0.3 && change < 0.7 || members.isEmpty() && change >= 0.4) {
            Set<Long> taken = new HashSet<>(members);
            List<Long> candidates = productIds.stream().filter(id -> !taken.contains(id)).toList();
            members.addAll(CollectionGenerator.sample(candidates, 1 + random.nextInt(10), random));
        } else if (change >= 0.7) {
            int removals = 1 + random.nextInt(Math.min(10, members.size()));
            for (int i = 0; i < removals; i++) {
                members.remove(random.nextInt(members.size()));
            }
        }
        if (title.equals(c.title()) && members.equals(c.productIds())) {
            // An edit always changes something a sync can see (e.g. no product left to add).
            title = c.title() + " (" + at.getEpochSecond() % 1000 + ")";
        }
        return new CollectionTruth(c.id(), c.gid(), title, c.handle(), c.sortOrder(), c.smart(), at, members);
    }
}
