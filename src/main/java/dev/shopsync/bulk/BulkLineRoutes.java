package dev.shopsync.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Sends each line of a bulk result chunk to what its kind is: a root object of the resource, or one kind of child
 * (by type, or by a test for kinds Shopify names variously). A line no route takes is refused with its type, so a
 * query that changed shape fails loudly instead of losing rows. Handlers get the line's number in the whole file,
 * which orders children the way Shopify's connection did.
 */
public final class BulkLineRoutes {

    /** What a route does with a line; {@code lineNumber} counts from 1 at the file's first line. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(BulkLine line, long lineNumber);
    }

    private record Route(boolean root, Predicate<BulkLine> takes, LineHandler handler) {
    }

    private final String resource;
    private final List<Route> routes = new ArrayList<>();

    private BulkLineRoutes(String resource) {
        this.resource = resource;
    }

    /** The routes of one chunk of {@code resource}'s bulk result. */
    public static BulkLineRoutes of(String resource) {
        return new BulkLineRoutes(resource);
    }

    /** Root lines of this type. */
    public BulkLineRoutes root(String type, LineHandler handler) {
        routes.add(new Route(true, line -> type.equals(line.type()), handler));
        return this;
    }

    /** Child lines of this type. */
    public BulkLineRoutes child(String type, LineHandler handler) {
        return child(line -> type.equals(line.type()), handler);
    }

    /** Child lines this test takes (checked after the routes declared before it). */
    public BulkLineRoutes child(Predicate<BulkLine> takes, LineHandler handler) {
        routes.add(new Route(false, takes, handler));
        return this;
    }

    /**
     * Routes every line, in order.
     *
     * @param firstLine the number of lines of the file before this chunk
     * @throws IllegalArgumentException at the first line no route takes
     */
    public void route(List<BulkLine> lines, long firstLine) {
        long lineNumber = firstLine;
        for (BulkLine line : lines) {
            lineNumber++;
            Route route = null;
            for (Route candidate : routes) {
                if (candidate.root() == line.root() && candidate.takes().test(line)) {
                    route = candidate;
                    break;
                }
            }
            if (route == null) {
                throw new IllegalArgumentException("a " + resource + " bulk result has a " + (line.root() ? "root"
                        : "child") + " line of type " + line.type());
            }
            route.handler().accept(line, lineNumber);
        }
    }
}
