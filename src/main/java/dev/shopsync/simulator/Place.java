package dev.shopsync.simulator;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A real city with the address parts Shopify derives from it; generated addresses and locations are placed here. */
record Place(String city, String province, String provinceCode, String country, String countryCode,
        String zipPrefix) {

    static final List<Place> ALL = List.of(
            new Place("Ottawa", "Ontario", "ON", "Canada", "CA", "K1P"),
            new Place("Toronto", "Ontario", "ON", "Canada", "CA", "M5V"),
            new Place("Montreal", "Quebec", "QC", "Canada", "CA", "H2X"),
            new Place("Vancouver", "British Columbia", "BC", "Canada", "CA", "V6B"),
            new Place("New York", "New York", "NY", "United States", "US", "100"),
            new Place("Portland", "Oregon", "OR", "United States", "US", "972"),
            new Place("Austin", "Texas", "TX", "United States", "US", "787"),
            new Place("Chicago", "Illinois", "IL", "United States", "US", "606"),
            new Place("Denver", "Colorado", "CO", "United States", "US", "802"),
            new Place("Seattle", "Washington", "WA", "United States", "US", "981"),
            new Place("Miami", "Florida", "FL", "United States", "US", "331"),
            new Place("Boston", "Massachusetts", "MA", "United States", "US", "021"),
            new Place("Sydney", "New South Wales", "NSW", "Australia", "AU", "20"),
            new Place("Melbourne", "Victoria", "VIC", "Australia", "AU", "30"),
            new Place("London", null, null, "United Kingdom", "GB", "EC1A "),
            new Place("Manchester", null, null, "United Kingdom", "GB", "M1 "),
            new Place("Berlin", null, null, "Germany", "DE", "101"),
            new Place("Munich", null, null, "Germany", "DE", "803"),
            new Place("Paris", null, null, "France", "FR", "750"),
            new Place("Dublin", "Dublin", "D", "Ireland", "IE", "D0"));

    private static final String[] STREETS = {"Main St", "King St W", "Queen St E", "Elm Ave", "Maple Rd",
        "Harbour Blvd", "Station Rd", "High St", "Market Sq", "Oak Lane", "Cedar Dr", "Bank St", "Rue Sainte-Catherine",
        "Schillerstraße", "Pine St", "Lakeshore Blvd"};

    /** The place of that city and country, or null when the city is not one of {@link #ALL}. */
    static Place of(String city, String countryCode) {
        for (Place place : ALL) {
            if (place.city.equals(city) && place.countryCode.equals(countryCode)) {
                return place;
            }
        }
        return null;
    }

    static Place pick(SplittableRandom random) {
        return ALL.get(random.nextInt(ALL.size()));
    }

    static String street(SplittableRandom random) {
        return (1 + random.nextInt(2_400)) + " " + STREETS[random.nextInt(STREETS.length)];
    }

    /** A postal code of the country's shape; the prefix places it in the city. */
    String zip(SplittableRandom random) {
        return switch (countryCode) {
            case "CA" -> zipPrefix + " " + random.nextInt(10) + (char) ('A' + random.nextInt(26)) + random.nextInt(10);
            case "GB" -> zipPrefix + random.nextInt(10) + (char) ('A' + random.nextInt(26))
                    + (char) ('A' + random.nextInt(26));
            case "IE" -> zipPrefix + (1 + random.nextInt(9)) + " " + (char) ('A' + random.nextInt(26))
                    + (100 + random.nextInt(900));
            default -> {
                int digits = 5 - zipPrefix.length();
                int bound = (int) Math.pow(10, digits);
                yield zipPrefix + String.format(Locale.ROOT, "%0" + digits + "d", random.nextInt(bound));
            }
        };
    }
}
