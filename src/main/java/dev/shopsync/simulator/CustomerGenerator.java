package dev.shopsync.simulator;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Builds a shop's starting customers from a {@link CatalogSpec}, deterministically and from a random stream of their
 * own, so the products do not change when customers are added.
 *
 * <p>Shaped after real shops: ids above 2^53 growing with creation time, unique emails, about one customer in three
 * without a phone, 0-4 addresses (enough for a small {@code addressesV2} page to need a second one), most customers
 * enabled, a third without orders.
 */
final class CustomerGenerator {

    static final long FIRST_CUSTOMER_ID = 9_300_000_000_000_000L;
    static final long FIRST_ADDRESS_ID = 9_400_000_000_000_000L;
    static final String CURRENCY = "USD";

    private static final long SEED_SALT = 0xC057_0E25L;
    private static final int CUSTOMER_ID_GAP = 4_000;
    private static final int ADDRESS_ID_GAP = 40;

    private static final String[] FIRST_NAMES = {"Ana", "Ben", "Chloé", "Dmitri", "Emma", "Farah", "Gus", "Hana",
        "Ines", "Jonas", "Kai", "Lea", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma",
        "Viktor", "Wen", "Yara", "Zoe", "Liam", "Olivia", "Noah", "Amelia", "Lucas"};
    private static final String[] LAST_NAMES = {"Silva", "Tremblay", "Müller", "Nguyen", "Smith", "Okafor",
        "Kowalski", "García", "Rossi", "Johansson", "Kim", "O'Brien", "Dubois", "Patel", "Cohen", "Novak", "Ivanova",
        "Larsen", "Haddad", "Fischer", "Moreau", "Brown", "Wilson", "Tanaka", "Lopez"};
    private static final String[] EMAIL_DOMAINS = {"example.com", "example.org", "example.net", "mail.example",
        "inbox.test"};
    private static final String[] COMPANIES = {"Acme Corp", "Globex", "Initech", "Umbrella Ltd", "Hooli",
        "Stark Industries", "Wayne Enterprises", "Tyrell Co"};
    private static final String[] TAGS = {"VIP", "Wholesale", "Newsletter", "Returning", "Local", "Influencer",
        "B2B", "Staff", "Loyalty", "Referral"};
    private static final int[] AREA_CODES = {212, 312, 415, 503, 512, 613, 416, 604, 617, 720};

    /** Generated customers and where address id assignment continues for addresses added later. */
    record GeneratedCustomers(List<CustomerTruth> customers, long nextAddressId) {
    }

    private final SplittableRandom random;

    CustomerGenerator(SplittableRandom random) {
        this.random = random;
    }

    static GeneratedCustomers generate(CatalogSpec spec) {
        return new CustomerGenerator(new SplittableRandom(spec.seed() ^ SEED_SALT)).customers(spec);
    }

    private GeneratedCustomers customers(CatalogSpec spec) {
        int count = spec.customers();
        Timeline timeline = Timeline.draw(random, spec.baseTime(), count);
        List<CustomerTruth> customers = new ArrayList<>(count);
        Map<String, Integer> emails = new HashMap<>();
        long customerId = FIRST_CUSTOMER_ID;
        long addressId = FIRST_ADDRESS_ID;
        for (int i = 0; i < count; i++) {
            customerId += 1 + random.nextInt(CUSTOMER_ID_GAP);
            String firstName = pick(FIRST_NAMES);
            String lastName = pick(LAST_NAMES);
            String email = uniqueEmail(emails, firstName, lastName);
            String phone = random.nextDouble() < 0.35 ? null
                    : String.format(Locale.ROOT, "+1%d555%04d", AREA_CODES[i % AREA_CODES.length],
                            (i / AREA_CODES.length) % 10_000);
            long orders = orders();
            String spent = CatalogGenerator.money(orders == 0 ? 0 : orders * orderCents());
            int addressCount = addressCount();
            List<AddressTruth> addresses = new ArrayList<>(addressCount);
            for (int k = 0; k < addressCount; k++) {
                addressId += 1 + random.nextInt(ADDRESS_ID_GAP);
                addresses.add(address(addressId, firstName, lastName, phone));
            }
            customers.add(new CustomerTruth(customerId, CustomerTruth.gidOf(customerId), firstName, lastName, email,
                    phone, state(), random.nextDouble() < 0.9, tags(), orders, spent, CURRENCY,
                    timeline.createdAt(i), timeline.updatedAt(i), addresses));
        }
        return new GeneratedCustomers(List.copyOf(customers), addressId + 1);
    }

    /** An address for the customer: mostly their own name, sometimes a company, a second line or their phone. */
    AddressTruth address(long id, String firstName, String lastName, String phone) {
        Place place = Place.pick(random);
        boolean ownName = random.nextDouble() < 0.85;
        return new AddressTruth(AddressTruth.gidOf(id),
                ownName ? firstName : pick(FIRST_NAMES),
                ownName ? lastName : pick(LAST_NAMES),
                random.nextDouble() < 0.2 ? pick(COMPANIES) : null,
                Place.street(random),
                random.nextDouble() < 0.3 ? "Apt " + (1 + random.nextInt(40)) : null,
                place.city(), place.province(), place.provinceCode(), place.country(), place.countryCode(),
                place.zip(random),
                random.nextDouble() < 0.5 ? phone : null);
    }

    List<String> tags() {
        int n = random.nextInt(4);
        TreeSet<String> tags = new TreeSet<>();
        while (tags.size() < n) {
            tags.add(pick(TAGS));
        }
        return List.copyOf(tags);
    }

    /** What one more order adds to the amount spent, in cents. */
    long orderCents() {
        return 1_500 + random.nextInt(25_000);
    }

    private long orders() {
        double r = random.nextDouble();
        return r < 0.3 ? 0 : r < 0.9 ? 1 + random.nextInt(5) : 6 + random.nextInt(60);
    }

    private int addressCount() {
        double r = random.nextDouble();
        return r < 0.15 ? 0 : r < 0.60 ? 1 : r < 0.80 ? 2 : r < 0.92 ? 3 : 4;
    }

    private String state() {
        double r = random.nextDouble();
        return r < 0.55 ? "ENABLED" : r < 0.85 ? "DISABLED" : r < 0.95 ? "INVITED" : "DECLINED";
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String uniqueEmail(Map<String, Integer> emails, String firstName, String lastName) {
        String local = ascii(firstName) + "." + ascii(lastName);
        String domain = pick(EMAIL_DOMAINS);
        String base = local + "@" + domain;
        int seen = emails.merge(base, 1, Integer::sum);
        return seen == 1 ? base : local + seen + "@" + domain;
    }

    private static String ascii(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
