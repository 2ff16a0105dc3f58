package dev.shopsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import graphql.schema.DataFetchingEnvironment;

/**
 * A shop's customers, as of one request, seen through the Admin API: the {@code customers} connection, the
 * {@code customersCount}, and customer nodes with their addresses ({@code addresses} as a plain list,
 * {@code addressesV2} as a connection, {@code defaultAddress} as the first one). Filtered queries see only what the
 * lagging search index has caught up with, as for products.
 */
final class CustomerGraph {

    private final CatalogState state;
    private final Predicate<Instant> indexed;

    /** @param indexed whether a row last changed at that instant is visible to search yet */
    CustomerGraph(CatalogState state, Predicate<Instant> indexed) {
        this.state = state;
        this.indexed = indexed;
    }

    void addTo(Map<String, Object> root) {
        root.put("customers", (FieldResolver) this::customers);
        root.put("customersCount", (FieldResolver) this::customersCount);
    }

    /** The live customer's node, or null. */
    Map<String, Object> node(long id) {
        CustomerTruth customer = state.customers().get(id);
        return customer == null ? null : customerNode(customer);
    }

    private Object customers(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        SortKey<CustomerTruth> key = SortKey.forCustomers(env.getArgument("sortKey"));
        List<CustomerTruth> rows = state.customersSortedBy(key);
        if (query.isFiltered()) {
            rows = rows.stream().filter(c -> indexed.test(c.updatedAt()) && query.matches(c)).toList();
        }
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                CustomerGraph::customerNode);
    }

    private Object customersCount(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        long count = query.isFiltered()
                ? state.customers().values().stream().filter(c -> indexed.test(c.updatedAt()) && query.matches(c))
                        .count()
                : state.customers().size();
        return ShopGraph.countNode(env, count);
    }

    static Map<String, Object> customerNode(CustomerTruth c) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "Customer");
        node.put("id", c.gid());
        node.put("legacyResourceId", String.valueOf(c.id()));
        node.put("firstName", c.firstName());
        node.put("lastName", c.lastName());
        node.put("displayName", displayName(c));
        node.put("email", c.email());
        node.put("phone", c.phone());
        node.put("defaultEmailAddress", c.email() == null ? null : Map.of("emailAddress", c.email(),
                "validFormat", true, "marketingState", "NOT_SUBSCRIBED", "openTrackingLevel", "UNKNOWN"));
        node.put("defaultPhoneNumber", c.phone() == null ? null : Map.of("phoneNumber", c.phone()));
        node.put("state", c.state());
        node.put("verifiedEmail", c.verifiedEmail());
        node.put("validEmailAddress", c.email() != null);
        node.put("tags", c.tags());
        node.put("numberOfOrders", String.valueOf(c.numberOfOrders()));
        node.put("amountSpent", Map.of("amount", c.amountSpent(), "currencyCode", c.currencyCode()));
        node.put("createdAt", ShopGraph.iso(c.createdAt()));
        node.put("updatedAt", ShopGraph.iso(c.updatedAt()));
        node.put("canDelete", c.numberOfOrders() == 0);
        node.put("taxExempt", false);
        node.put("dataSaleOptOut", false);
        node.put("locale", "en");
        node.put("addresses", (FieldResolver) env -> addresses(env, c));
        node.put("addressesV2", (FieldResolver) env -> addressesV2(env, c));
        node.put("defaultAddress", c.addresses().isEmpty() ? null : addressNode(c.addresses().get(0)));
        return node;
    }

    private static List<Map<String, Object>> addresses(DataFetchingEnvironment env, CustomerTruth c) {
        Object first = env.getArgument("first");
        int limit = first instanceof Number n ? Math.max(0, n.intValue()) : Integer.MAX_VALUE;
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (AddressTruth address : c.addresses()) {
            if (nodes.size() == limit) {
                break;
            }
            nodes.add(addressNode(address));
        }
        return nodes;
    }

    private static Object addressesV2(DataFetchingEnvironment env, CustomerTruth c) {
        SortKey<AddressTruth> key = SortKey.forAddresses();
        List<AddressTruth> rows = new ArrayList<>(c.addresses());
        rows.sort(key.comparator());
        return ConnectionPager.page(env, rows, key, Boolean.TRUE.equals(env.getArgument("reverse")),
                CustomerGraph::addressNode);
    }

    static Map<String, Object> addressNode(AddressTruth a) {
        Map<String, Object> node = new HashMap<>();
        node.put("__typename", "MailingAddress");
        node.put("id", a.id());
        node.put("firstName", a.firstName());
        node.put("lastName", a.lastName());
        node.put("name", joined(a.firstName(), a.lastName()));
        node.put("company", a.company());
        node.put("address1", a.address1());
        node.put("address2", a.address2());
        node.put("city", a.city());
        node.put("province", a.province());
        node.put("provinceCode", a.provinceCode());
        node.put("country", a.country());
        node.put("countryCodeV2", a.countryCodeV2());
        node.put("zip", a.zip());
        node.put("phone", a.phone());
        node.put("coordinatesValidated", false);
        return node;
    }

    private static String displayName(CustomerTruth c) {
        String name = joined(c.firstName(), c.lastName());
        return name != null ? name : c.email() != null ? c.email() : "";
    }

    private static String joined(String first, String last) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? null : name;
    }
}
