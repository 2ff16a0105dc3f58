package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a shop's starting locations from a {@link CatalogSpec}, from a random stream of their own: ids above 2^53
 * growing with creation time, unique names, about one location in five deactivated (and then not fulfilling online
 * orders).
 */
final class LocationGenerator {

    static final long FIRST_LOCATION_ID = 9_500_000_000_000_000L;

    private static final long SEED_SALT = 0x10CA_7105L;
    private static final int LOCATION_ID_GAP = 4_000;
    private static final String[] KINDS = {"Warehouse", "Store", "Outlet", "Pop-up", "Depot", "Showroom",
        "Fulfillment Center", "Studio"};

    private final SplittableRandom random;

    LocationGenerator(SplittableRandom random) {
        this.random = random;
    }

    static List<LocationTruth> generate(CatalogSpec spec) {
        return new LocationGenerator(new SplittableRandom(spec.seed() ^ SEED_SALT)).locations(spec);
    }

    private List<LocationTruth> locations(CatalogSpec spec) {
        int count = spec.locations();
        Timeline timeline = Timeline.draw(random, spec.baseTime(), count);
        List<LocationTruth> locations = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        long id = FIRST_LOCATION_ID;
        for (int i = 0; i < count; i++) {
            id += 1 + random.nextInt(LOCATION_ID_GAP);
            Place place = Place.pick(random);
            boolean active = random.nextDouble() >= 0.2;
            locations.add(new LocationTruth(id, LocationTruth.gidOf(id), name(place.city(), names), active,
                    active && random.nextDouble() < 0.7, random.nextDouble() < 0.6, Place.street(random),
                    place.city(), place.provinceCode(), place.countryCode(), place.zip(random),
                    timeline.createdAt(i), timeline.updatedAt(i)));
        }
        return List.copyOf(locations);
    }

    /** A name like "Toronto Warehouse", numbered when taken; {@code taken} gets the new name. */
    String name(String city, Set<String> taken) {
        String base = city + " " + KINDS[random.nextInt(KINDS.length)];
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + " " + n;
        }
        taken.add(name);
        return name;
    }

    static Set<String> namesOf(Collection<LocationTruth> locations) {
        Set<String> names = new HashSet<>();
        locations.forEach(l -> names.add(l.name()));
        return names;
    }
}
