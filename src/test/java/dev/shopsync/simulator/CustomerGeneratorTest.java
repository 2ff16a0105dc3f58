package dev.shopsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CustomerGeneratorTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theSameSpecGivesTheSameCustomersAndLocations() {
        CatalogSpec spec = new CatalogSpec(42, 100, BASE, 0).withCustomers(500).withLocations(30);
        assertEquals(CustomerGenerator.generate(spec), CustomerGenerator.generate(spec));
        assertEquals(LocationGenerator.generate(spec), LocationGenerator.generate(spec));
        CatalogSpec other = new CatalogSpec(43, 100, BASE, 0).withCustomers(500).withLocations(30);
        assertNotEquals(CustomerGenerator.generate(spec).customers(), CustomerGenerator.generate(other).customers());
        assertNotEquals(LocationGenerator.generate(spec), LocationGenerator.generate(other));
    }

    @Test
    void addingCustomersAndLocationsLeavesTheProductsAlone() {
        CatalogSpec products = new CatalogSpec(42, 300, BASE, 100);
        assertEquals(0, products.customers());
        assertEquals(0, products.locations());
        assertTrue(CustomerGenerator.generate(products).customers().isEmpty());
        assertTrue(LocationGenerator.generate(products).isEmpty());
        CatalogSpec everything = products.withCustomers(1_000).withLocations(40);
        assertEquals(CatalogGenerator.generate(products), CatalogGenerator.generate(everything));
        // And the other way round: more products, the same customers and locations.
        CatalogSpec moreProducts = new CatalogSpec(42, 50, BASE, 0).withCustomers(1_000).withLocations(40);
        assertEquals(CustomerGenerator.generate(everything), CustomerGenerator.generate(moreProducts));
        assertEquals(LocationGenerator.generate(everything), LocationGenerator.generate(moreProducts));

        SimulatedShop shop = new SimulatedShop("s.myshopify.com", "t", ShopPlan.STANDARD, everything,
                new MutableClock(BASE), Duration.ZERO);
        assertEquals(CatalogGenerator.generate(products).products(), shop.products());
        assertEquals(1_000, shop.customers().size());
        assertEquals(40, shop.locations().size());
    }

    @Test
    void idsAreAboveTwoToTheFiftyThirdInTheirOwnRangesAndGrowWithCreation() {
        CatalogSpec spec = new CatalogSpec(7, 200, BASE, 0).withCustomers(1_000).withLocations(50);
        List<ProductTruth> products = CatalogGenerator.generate(spec).products();
        List<CustomerTruth> customers = CustomerGenerator.generate(spec).customers();
        List<LocationTruth> locations = LocationGenerator.generate(spec);
        long doubleLimit = 1L << 53;
        Set<Long> addressIds = new HashSet<>();
        for (int i = 0; i < customers.size(); i++) {
            CustomerTruth c = customers.get(i);
            assertTrue(c.id() > doubleLimit && c.id() > products.get(products.size() - 1).id());
            assertTrue(c.id() < LocationGenerator.FIRST_LOCATION_ID);
            assertEquals("gid://shopify/Customer/" + c.id(), c.gid());
            if (i > 0) {
                assertTrue(c.id() > customers.get(i - 1).id());
                assertTrue(!c.createdAt().isBefore(customers.get(i - 1).createdAt()));
            }
            for (AddressTruth a : c.addresses()) {
                assertTrue(a.id().matches("gid://shopify/MailingAddress/\\d+\\?model_name=CustomerAddress"), a.id());
                assertTrue(a.numericId() > doubleLimit);
                assertTrue(addressIds.add(a.numericId()), "address ids are unique");
            }
        }
        long corruptedByDouble = customers.stream().filter(c -> (long) (double) c.id() != c.id()).count();
        assertTrue(corruptedByDouble > customers.size() / 3, "a client parsing ids as double must break");
        for (int i = 0; i < locations.size(); i++) {
            LocationTruth l = locations.get(i);
            assertTrue(l.id() > addressIds.stream().mapToLong(Long::longValue).max().orElseThrow());
            assertEquals("gid://shopify/Location/" + l.id(), l.gid());
            if (i > 0) {
                assertTrue(l.id() > locations.get(i - 1).id());
            }
        }
    }

    @Test
    void timestampsAreWholeSecondsInsideTheWindowAndAboutOneInTenShareASecond() {
        CatalogSpec spec = new CatalogSpec(5, 0, BASE, 0).withCustomers(3_000).withLocations(200);
        Instant from = BASE.minus(Duration.ofDays(400));
        Instant to = BASE.minus(Duration.ofHours(1));
        List<CustomerTruth> customers = CustomerGenerator.generate(spec).customers();
        Map<Instant, Integer> perSecond = new HashMap<>();
        for (CustomerTruth c : customers) {
            assertEquals(0, c.createdAt().getNano());
            assertEquals(0, c.updatedAt().getNano());
            assertTrue(!c.createdAt().isBefore(from) && !c.updatedAt().isAfter(to));
            assertTrue(!c.updatedAt().isBefore(c.createdAt()));
            perSecond.merge(c.updatedAt(), 1, Integer::sum);
        }
        long sharing = customers.stream().filter(c -> perSecond.get(c.updatedAt()) > 1).count();
        assertTrue(sharing >= 150 && sharing <= 500, "customers sharing an updated_at second: " + sharing);
        for (LocationTruth l : LocationGenerator.generate(spec)) {
            assertEquals(0, l.updatedAt().getNano());
            assertTrue(!l.createdAt().isBefore(from) && !l.updatedAt().isAfter(to));
            assertTrue(!l.updatedAt().isBefore(l.createdAt()));
        }
    }

    @Test
    void customersLookLikeARealShops() {
        List<CustomerTruth> customers = CustomerGenerator.generate(
                new CatalogSpec(11, 0, BASE, 0).withCustomers(3_000)).customers();
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        int withoutPhone = 0;
        int[] byAddressCount = new int[5];
        Set<String> states = new HashSet<>();
        for (CustomerTruth c : customers) {
            assertNotNull(c.email());
            assertTrue(emails.add(c.email()), "emails are unique: " + c.email());
            if (c.phone() == null) {
                withoutPhone++;
            } else {
                assertTrue(phones.add(c.phone()), "phones are unique: " + c.phone());
            }
            byAddressCount[c.addresses().size()]++;
            states.add(c.state());
            assertTrue(c.amountSpent().matches("\\d+\\.\\d\\d"), c.amountSpent());
            assertEquals(c.numberOfOrders() == 0, "0.00".equals(c.amountSpent()));
            assertEquals("USD", c.currencyCode());
            for (AddressTruth a : c.addresses()) {
                assertNotNull(a.address1());
                assertNotNull(a.countryCodeV2());
            }
        }
        assertTrue(withoutPhone > 300 && withoutPhone < 2_000, "without a phone: " + withoutPhone);
        assertTrue(byAddressCount[0] > 0 && byAddressCount[4] > 100, "by address count: "
                + java.util.Arrays.toString(byAddressCount));
        assertEquals(Set.of("ENABLED", "DISABLED", "INVITED", "DECLINED"), states);
    }

    @Test
    void locationNamesAreUniqueAndAboutOneInFiveIsInactive() {
        List<LocationTruth> locations = LocationGenerator.generate(new CatalogSpec(3, 0, BASE, 0).withLocations(500));
        assertEquals(500, LocationGenerator.namesOf(locations).size());
        long inactive = locations.stream().filter(l -> !l.isActive()).count();
        assertTrue(inactive >= 60 && inactive <= 140, "inactive: " + inactive);
        assertTrue(locations.stream().noneMatch(l -> !l.isActive() && l.fulfillsOnlineOrders()));
    }

    @Test
    void threeThousandCustomersGenerateWellUnderASecond() {
        CustomerGenerator.generate(new CatalogSpec(1, 0, BASE, 0).withCustomers(3_000)); // warm up the JIT a little
        long start = System.nanoTime();
        CustomerGenerator.generate(new CatalogSpec(2, 0, BASE, 0).withCustomers(3_000));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 500, "took " + millis + " ms");
    }
}
