package dev.shopsync.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The random-but-reproducible changes a customer goes through: an order placed, new tags, an account state change, a
 * verified email, and sometimes an address added or removed. At least one of them happens; the customer always
 * gets {@code updatedAt = at}.
 */
final class CustomerEdits {

    /** Real shops cap addresses much higher; a few more than generated keeps paging interesting. */
    private static final int MAX_ADDRESSES = 6;

    private final SplittableRandom random;
    private final CustomerGenerator generator;

    CustomerEdits(SplittableRandom random) {
        this.random = random;
        this.generator = new CustomerGenerator(random);
    }

    SplittableRandom random() {
        return random;
    }

    CustomerTruth edit(CustomerTruth c, Instant at, LongSupplier nextAddressId) {
        long orders = c.numberOfOrders();
        String spent = c.amountSpent();
        List<String> tags = c.tags();
        String state = c.state();
        boolean verified = c.verifiedEmail();
        List<AddressTruth> addresses = new ArrayList<>(c.addresses());
        boolean changed = false;
        if (random.nextDouble() < 0.4) {
            orders++;
            spent = new BigDecimal(spent).add(BigDecimal.valueOf(generator.orderCents(), 2)).toPlainString();
            changed = true;
        }
        if (random.nextDouble() < 0.3) {
            tags = generator.tags();
            changed |= !tags.equals(c.tags());
        }
        if (random.nextDouble() < 0.2) {
            state = switch (state) {
                case "INVITED" -> random.nextBoolean() ? "ENABLED" : "DECLINED";
                case "ENABLED" -> "DISABLED";
                default -> "INVITED";
            };
            verified = verified || "ENABLED".equals(state);
            changed = true;
        }
        double addressChange = random.nextDouble();
        if (addressChange < 0.15 && addresses.size() < MAX_ADDRESSES) {
            addresses.add(generator.address(nextAddressId.getAsLong(), c.firstName(), c.lastName(), c.phone()));
            changed = true;
        } else if (addressChange < 0.25 && !addresses.isEmpty()) {
            addresses.remove(random.nextInt(addresses.size()));
            changed = true;
        }
        if (!changed) {
            // An edit always changes something a sync can see.
            orders++;
            spent = new BigDecimal(spent).add(BigDecimal.valueOf(generator.orderCents(), 2)).toPlainString();
        }
        return new CustomerTruth(c.id(), c.gid(), c.firstName(), c.lastName(), c.email(), c.phone(), state, verified,
                tags, orders, spent, c.currencyCode(), c.createdAt(), at, addresses);
    }
}
