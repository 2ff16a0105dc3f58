package dev.shopsync.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code query:} search syntax of Shopify connections (products, variants, customers, locations, collections,
 * inventory items, orders, bulk operations), as far as a
 * sync needs it: {@code field:value} terms joined by {@code AND} or whitespace (and {@code OR}, {@code NOT}/{@code -}
 * for completeness), comparisons {@code >=}, {@code >}, {@code <=}, {@code <} on {@code updated_at},
 * {@code created_at} and {@code id}, values quoted or not.
 *
 * <p>Reproduces the observed quirk that {@code >} and {@code <} are inclusive. Unknown fields are ignored, as Shopify
 * ignores them (it only adds a warning).
 */
final class SearchQuery {

    enum Comparison { EQUAL, AT_LEAST, AT_MOST }

    /** One {@code field:value} term; {@code field} is null for free text. */
    record Term(String field, Comparison comparison, String value, boolean negated) {
    }

    private final String text;
    /** Disjunction of conjunctions: any group whose terms all match. */
    private final List<List<Term>> groups;

    private SearchQuery(String text, List<List<Term>> groups) {
        this.text = text;
        this.groups = groups;
    }

    static SearchQuery parse(String text) {
        List<List<Term>> groups = new ArrayList<>();
        List<Term> current = new ArrayList<>();
        boolean negateNext = false;
        for (String token : tokens(text == null ? "" : text)) {
            switch (token) {
                case "AND" -> {
                    continue;
                }
                case "OR" -> {
                    if (!current.isEmpty()) {
                        groups.add(List.copyOf(current));
                        current.clear();
                    }
                    continue;
                }
                case "NOT" -> {
                    negateNext = true;
                    continue;
                }
                default -> {
                }
            }
            boolean negated = negateNext;
            negateNext = false;
            if (token.startsWith("-") && token.length() > 1) {
                negated = !negated;
                token = token.substring(1);
            }
            current.add(term(token, negated));
        }
        if (!current.isEmpty()) {
            groups.add(List.copyOf(current));
        }
        return new SearchQuery(text, List.copyOf(groups));
    }

    /** A blank query lists everything and, unlike a filtered one, does not go through the lagging search index. */
    boolean isFiltered() {
        return text != null && !text.isBlank();
    }

    List<List<Term>> groups() {
        return groups;
    }

    boolean matches(ProductTruth product) {
        return anyGroup(term -> productTerm(term, product));
    }

    boolean matches(VariantRow row) {
        return anyGroup(term -> variantTerm(term, row.product(), row.variant()));
    }

    boolean matches(CustomerTruth customer) {
        return anyGroup(term -> customerTerm(term, customer));
    }

    boolean matches(LocationTruth location) {
        return anyGroup(term -> locationTerm(term, location));
    }

    boolean matches(CollectionTruth collection) {
        return anyGroup(term -> collectionTerm(term, collection));
    }

    boolean matches(InventoryItemTruth item) {
        return anyGroup(term -> inventoryItemTerm(term, item));
    }

    boolean matches(OrderTruth order) {
        return anyGroup(term -> orderTerm(term, order));
    }

    boolean matches(EventTruth event) {
        return anyGroup(term -> eventTerm(term, event));
    }

    boolean matches(BulkOperationTruth operation) {
        return anyGroup(term -> bulkOperationTerm(term, operation));
    }

    private boolean anyGroup(java.util.function.Predicate<Term> termMatches) {
        if (groups.isEmpty()) {
            return true;
        }
        for (List<Term> group : groups) {
            boolean all = true;
            for (Term term : group) {
                if (termMatches.test(term) == term.negated()) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean productTerm(Term term, ProductTruth p) {
        if (term.field() == null) {
            return contains(p.title(), term.value()) || contains(p.vendor(), term.value())
                    || contains(p.productType(), term.value())
                    || p.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(term.value()));
        }
        return switch (term.field()) {
            case "updated_at" -> compareInstant(p.updatedAt(), term);
            case "created_at" -> compareInstant(p.createdAt(), term);
            case "id", "product_id" -> compareLong(p.id(), term);
            case "title" -> contains(p.title(), term.value());
            case "handle" -> p.handle().equalsIgnoreCase(term.value());
            case "vendor" -> p.vendor().equalsIgnoreCase(term.value());
            case "product_type" -> p.productType().equalsIgnoreCase(term.value());
            case "status" -> anyOf(p.status(), term.value());
            case "tag" -> p.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(term.value()));
            case "tag_not" -> p.tags().stream().noneMatch(tag -> tag.equalsIgnoreCase(term.value()));
            case "sku" -> p.variants().stream().anyMatch(v -> v.sku() != null && v.sku().equalsIgnoreCase(term.value()));
            default -> true;
        };
    }

    private static boolean variantTerm(Term term, ProductTruth p, VariantTruth v) {
        if (term.field() == null) {
            return contains(v.title(), term.value()) || contains(p.title(), term.value())
                    || (v.sku() != null && contains(v.sku(), term.value()));
        }
        return switch (term.field()) {
            case "updated_at" -> compareInstant(v.updatedAt(), term);
            case "created_at" -> compareInstant(v.createdAt(), term);
            case "id" -> compareLong(v.id(), term);
            case "product_id" -> compareLong(p.id(), term);
            case "sku" -> v.sku() != null && v.sku().equalsIgnoreCase(term.value());
            case "title" -> contains(v.title(), term.value());
            case "vendor" -> p.vendor().equalsIgnoreCase(term.value());
            case "product_type" -> p.productType().equalsIgnoreCase(term.value());
            case "product_status" -> anyOf(p.status(), term.value());
            case "tag" -> p.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(term.value()));
            default -> true;
        };
    }

    private static boolean customerTerm(Term term, CustomerTruth c) {
        if (term.field() == null) {
            return contains(c.firstName(), term.value()) || contains(c.lastName(), term.value())
                    || contains(c.email(), term.value()) || contains(c.phone(), term.value())
                    || c.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(term.value()));
        }
        return switch (term.field()) {
            case "updated_at" -> compareInstant(c.updatedAt(), term);
            case "created_at" -> compareInstant(c.createdAt(), term);
            case "id", "customer_id" -> compareLong(c.id(), term);
            case "email" -> c.email() != null && c.email().equalsIgnoreCase(term.value());
            case "phone" -> c.phone() != null && c.phone().equals(term.value());
            case "first_name" -> contains(c.firstName(), term.value());
            case "last_name" -> contains(c.lastName(), term.value());
            case "state", "customer_account_status" -> anyOf(c.state(), term.value());
            case "tag" -> c.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(term.value()));
            case "tag_not" -> c.tags().stream().noneMatch(tag -> tag.equalsIgnoreCase(term.value()));
            case "orders_count" -> compareLong(c.numberOfOrders(), term);
            case "country" -> c.addresses().stream().anyMatch(a -> anyOf(a.country(), term.value())
                    || anyOf(a.countryCodeV2(), term.value()));
            default -> true;
        };
    }

    private static boolean eventTerm(Term term, EventTruth e) {
        if (term.field() == null) {
            return true;
        }
        return switch (term.field()) {
            case "action" -> e.action().equalsIgnoreCase(term.value());
            case "subject_type" -> e.subjectType().equalsIgnoreCase(term.value());
            case "created_at" -> compareInstant(e.createdAt(), term);
            case "id" -> compareLong(e.id(), term);
            default -> true;
        };
    }

    private static boolean bulkOperationTerm(Term term, BulkOperationTruth o) {
        if (term.field() == null) {
            return true;
        }
        return switch (term.field()) {
            case "status" -> anyOf(o.status(), term.value());
            case "created_at" -> compareInstant(o.createdAt(), term);
            case "id" -> compareLong(Long.parseLong(o.id().substring(o.id().lastIndexOf('/') + 1)), term);
            case "operation_type" -> anyOf("QUERY", term.value());
            default -> true;
        };
    }

    private static boolean locationTerm(Term term, LocationTruth l) {
        if (term.field() == null) {
            return contains(l.name(), term.value()) || contains(l.city(), term.value());
        }
        return switch (term.field()) {
            case "updated_at" -> compareInstant(l.updatedAt(), term);
            case "created_at" -> compareInstant(l.createdAt(), term);
            case "id", "location_id" -> compareLong(l.id(), term);
            case "name" -> contains(l.name(), term.value());
            case "active" -> String.valueOf(l.isActive()).equalsIgnoreCase(term.value());
            case "city" -> contains(l.city(), term.value());
            case "country" -> anyOf(l.countryCode(), term.value());
            case "province" -> anyOf(l.provinceCode(), term.value());
            case "zip" -> l.zip() != null && l.zip().equalsIgnoreCase(term.value());
            default -> true;
        };
    }

    private static boolean collectionTerm(Term term, CollectionTruth c) {
        if (term.field() == null) {
            return contains(c.title(), term.value());
        }
        return switch (term.field()) {
            case "updated_at" -> compareInstant(c.updatedAt(), term);
            case "id", "collection_id" -> compareLong(c.id(), term);
            case "title" -> contains(c.title(), term.value());
            case "handle" -> c.handle().equalsIgnoreCase(term.value());
            case "collection_type" -> anyOf(c.smart() ? "smart" : "custom", term.value());
            case "product_id" -> c.productIds().stream().anyMatch(id -> String.valueOf(id).equals(term.value()));
            default -> true;
        };
    }

    private static boolean inventoryItemTerm(Term term, InventoryItemTruth i) {
        if (term.field() == null) {
            return i.sku() != null && contains(i.sku(), term.value());
        }
        return switch (term.field()) {
            case "updated_at" -> compareInstant(i.updatedAt(), term);
            case "created_at" -> compareInstant(i.createdAt(), term);
            case "id" -> compareLong(i.id(), term);
            case "sku" -> i.sku() != null && i.sku().equalsIgnoreCase(term.value());
            default -> true;
        };
    }

    private static boolean orderTerm(Term term, OrderTruth o) {
        if (term.field() == null) {
            return contains(o.name(), term.value()) || contains(o.email(), term.value());
        }
        return switch (term.field()) {
            case "updated_at" -> compareInstant(o.updatedAt(), term);
            case "created_at", "processed_at" -> compareInstant(o.createdAt(), term);
            case "id" -> compareLong(o.id(), term);
            case "name" -> o.name().equalsIgnoreCase(term.value()) || o.name().equalsIgnoreCase("#" + term.value());
            case "email" -> o.email() != null && o.email().equalsIgnoreCase(term.value());
            case "customer_id" -> o.customerId() != null && compareLong(o.customerId(), term);
            case "financial_status" -> anyOf(o.displayFinancialStatus(), term.value());
            case "fulfillment_status" -> anyOf(o.displayFulfillmentStatus(), term.value())
                    || "shipped".equalsIgnoreCase(term.value()) && "FULFILLED".equals(o.displayFulfillmentStatus())
                    || "unshipped".equalsIgnoreCase(term.value()) && "UNFULFILLED".equals(o.displayFulfillmentStatus());
            case "status" -> anyOf(o.cancelledAt() != null ? "cancelled" : o.closedAt() != null ? "closed" : "open",
                    term.value());
            case "sku" -> o.lineItems().stream()
                    .anyMatch(l -> l.sku() != null && l.sku().equalsIgnoreCase(term.value()));
            default -> true;
        };
    }

    static boolean compareInstant(Instant actual, Term term) {
        String value = term.value();
        Instant bound;
        boolean wholeDay = false;
        try {
            if (value.length() == 10) {
                bound = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                wholeDay = true;
            } else if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                bound = OffsetDateTime.parse(value).toInstant();
            } else {
                bound = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            return false;
        }
        return switch (term.comparison()) {
            case AT_LEAST -> !actual.isBefore(bound);
            case AT_MOST -> !actual.isAfter(bound);
            case EQUAL -> wholeDay
                    ? !actual.isBefore(bound) && actual.isBefore(bound.plusSeconds(86_400))
                    : actual.equals(bound);
        };
    }

    static boolean compareLong(long actual, Term term) {
        long bound;
        try {
            bound = Long.parseLong(term.value());
        } catch (NumberFormatException e) {
            return false;
        }
        return switch (term.comparison()) {
            case AT_LEAST -> actual >= bound;
            case AT_MOST -> actual <= bound;
            case EQUAL -> actual == bound;
        };
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private static boolean anyOf(String actual, String commaSeparated) {
        if (actual == null) {
            return false;
        }
        for (String option : commaSeparated.split(",")) {
            if (option.trim().equalsIgnoreCase(actual)) {
                return true;
            }
        }
        return false;
    }

    private static Term term(String token, boolean negated) {
        int colon = token.indexOf(':');
        if (colon <= 0 || token.charAt(0) == '\'' || token.charAt(0) == '"') {
            return new Term(null, Comparison.EQUAL, unquote(token), negated);
        }
        String field = token.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = token.substring(colon + 1);
        Comparison comparison = Comparison.EQUAL;
        // Shopify treats the strict operators as inclusive; reproduce it so clients learn to cope.
        if (rest.startsWith(">=") || rest.startsWith("<=")) {
            comparison = rest.charAt(0) == '>' ? Comparison.AT_LEAST : Comparison.AT_MOST;
            rest = rest.substring(2);
        } else if (rest.startsWith(">") || rest.startsWith("<")) {
            comparison = rest.charAt(0) == '>' ? Comparison.AT_LEAST : Comparison.AT_MOST;
            rest = rest.substring(1);
        }
        return new Term(field, comparison, unquote(rest), negated);
    }

    private static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** Splits on whitespace outside quotes; parentheses are dropped (grouping is not modelled). */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                token.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                token.append(c);
            } else if (Character.isWhitespace(c) || c == '(' || c == ')') {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}
