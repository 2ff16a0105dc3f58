package dev.shopsync.sync.customer;

import java.time.Instant;

/** One of a customer's addresses, as stored in {@code customer_address}; {@code updatedAt} is the customer's. */
public record AddressRow(long id, long customerId, String gid, int position, String firstName, String lastName,
        String company, String address1, String address2, String city, String province, String provinceCode,
        String country, String countryCode, String zip, String phone, Instant updatedAt, String raw) {
}
