package dev.shopsync.simulator;

import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The random-but-reproducible changes a location goes through: a new (still unique) name, online fulfilment switched,
 * deactivation or reactivation, a move to another street. At least one of them happens; the location always gets
 * {@code updatedAt = at}.
 */
final class LocationEdits {

    private final SplittableRandom random;
    private final LocationGenerator generator;

    LocationEdits(SplittableRandom random) {
        this.random = random;
        this.generator = new LocationGenerator(random);
    }

    SplittableRandom random() {
        return random;
    }

    /** @param names the names in use, the edited location's included; updated when it is renamed */
    LocationTruth edit(LocationTruth l, Instant at, Set<String> names) {
        String name = l.name();
        boolean active = l.isActive();
        boolean online = l.fulfillsOnlineOrders();
        String address1 = l.address1();
        double change = random.nextDouble();
        if (change < 0.35) {
            Place place = Place.of(l.city(), l.countryCode());
            // Picked while the old name is still taken, so the new one differs from it.
            String renamed = generator.name(place == null ? l.city() : place.city(), names);
            names.remove(name);
            name = renamed;
        } else if (change < 0.65 && active) {
            online = !online;
        } else if (change < 0.85) {
            active = !active;
            // A deactivated location stops fulfilling; a reactivated one starts again only when told to.
            online = false;
        } else {
            address1 = Place.street(random);
        }
        return new LocationTruth(l.id(), l.gid(), name, active, online, l.shipsInventory(), address1, l.city(),
                l.provinceCode(), l.countryCode(), l.zip(), l.createdAt(), at);
    }
}
