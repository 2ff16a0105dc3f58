package dev.shopsync.read;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

import dev.shopsync.cache.Answerable;

/**
 * A read as API Gateway hands it over (method, path, query parameters), parsed into the shop it is about and the
 * question to ask once the shop's id is known. Routes, all {@code GET}, under {@code /shops/{shop}}:
 * <pre>
 * /products/{id}                      ProductAnswer
 * /products/by-handle/{handle}        ProductAnswer
 * /collections/{id}/products          CollectionPageAnswer   ?first=1..100 (20) &amp;after=cursor
 * /variants/{id}/inventory            VariantStockAnswer
 * /orders/{id}                        OrderAnswer
 * /customers/{id}/orders              CustomerOrdersAnswer   ?first=1..100 (20) &amp;after=cursor
 * /daily-sales                        DailySalesAnswer       ?from=YYYY-MM-DD&amp;to=YYYY-MM-DD
 * </pre>
 * An unknown route is a 404, another method a 405, a malformed id or parameter a 400 ({@link BadReadRequest}).
 */
public record ReadRequest(String shop, LongFunction<Answerable> question) {

    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");

    /** The question for the shop's id; a 400 when a parameter only the question understands is wrong. */
    public Answerable question(long shopId) {
        return question.apply(shopId);
    }

    public static ReadRequest parse(String method, String path, Map<String, String> query) {
        List<String> segments = segments(path);
        if (segments.size() < 3 || !segments.get(0).equals("shops")) {
            throw new BadReadRequest(404, "no such route");
        }
        boolean get = "GET".equals(method);
        LongFunction<Answerable> question;
        try {
            question = route(segments.subList(2, segments.size()), query);
        } catch (BadReadRequest e) {
            // a route that exists answers a wrong method with 405, whatever its parameters
            if (get || e.status() == 404) {
                throw e;
            }
            question = null;
        }
        if (!get) {
            throw new BadReadRequest(405, "only GET is allowed");
        }
        return new ReadRequest(segments.get(1), question);
    }

    private static LongFunction<Answerable> route(List<String> route, Map<String, String> query) {
        String resource = route.get(0);
        int size = route.size();
        if (resource.equals("products") && size == 2) {
            long id = id(route.get(1), "product");
            return shopId -> ProductAnswer.byId(shopId, id);
        }
        if (resource.equals("products") && size == 3 && route.get(1).equals("by-handle")) {
            String handle = route.get(2);
            if (handle.isBlank() || handle.length() > 255) {
                throw new BadReadRequest(400, "a handle is 1 to 255 characters");
            }
            return shopId -> ProductAnswer.byHandle(shopId, handle);
        }
        if (resource.equals("collections") && size == 3 && route.get(2).equals("products")) {
            long id = id(route.get(1), "collection");
            Page page = page(query);
            return shopId -> new CollectionPageAnswer(shopId, id, page);
        }
        if (resource.equals("variants") && size == 3 && route.get(2).equals("inventory")) {
            long id = id(route.get(1), "variant");
            return shopId -> new VariantStockAnswer(shopId, id);
        }
        if (resource.equals("orders") && size == 2) {
            long id = id(route.get(1), "order");
            return shopId -> new OrderAnswer(shopId, id);
        }
        if (resource.equals("customers") && size == 3 && route.get(2).equals("orders")) {
            long id = id(route.get(1), "customer");
            Page page = page(query);
            return shopId -> new CustomerOrdersAnswer(shopId, id, page);
        }
        if (resource.equals("daily-sales") && size == 1) {
            LocalDate from = date(query, "from");
            LocalDate to = date(query, "to");
            return shopId -> new DailySalesAnswer(shopId, from, to);
        }
        throw new BadReadRequest(404, "no such route");
    }

    /** Path segments, percent-decoded ({@code +} stays a plus: this is a path, not a form), without empty ones. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        if (path == null) {
            return segments;
        }
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                try {
                    segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new BadReadRequest(400, "the path is not percent-encoded correctly");
                }
            }
        }
        return segments;
    }

    private static long id(String text, String what) {
        if (!ID.matcher(text).matches()) {
            throw new BadReadRequest(400, "the " + what + " id must be a positive integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            throw new BadReadRequest(400, "the " + what + " id must be a positive integer");
        }
    }

    private static Page page(Map<String, String> query) {
        String first = query.get("first");
        int size = Page.DEFAULT_FIRST;
        if (first != null) {
            try {
                size = Integer.parseInt(first);
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1 || size > Page.MAX_FIRST) {
                throw new BadReadRequest(400, "'first' is an integer from 1 to " + Page.MAX_FIRST);
            }
        }
        String after = query.get("after");
        return new Page(size, after == null || after.isEmpty() ? null : after);
    }

    private static LocalDate date(Map<String, String> query, String name) {
        String text = query.get(name);
        if (text == null) {
            throw new BadReadRequest(400, "'" + name + "' is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadReadRequest(400, "'" + name + "' is a date YYYY-MM-DD");
        }
    }
}
