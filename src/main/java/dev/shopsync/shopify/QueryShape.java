package dev.shopsync.shopify;

import java.util.Map;
import java.util.TreeMap;

/**
 * What determines a query's requested cost: the document and its numeric variables (page sizes). Cursors and
 * search strings do not change the cost, so they are not part of the shape.
 */
public final class QueryShape {

    private QueryShape() {
    }

    public static String of(GraphQlDocument document, Map<String, Object> variables) {
        StringBuilder shape = new StringBuilder(document.name()).append('#')
                .append(Integer.toHexString(document.text().hashCode()));
        new TreeMap<>(variables).forEach((name, value) -> {
            if (value instanceof Number || value instanceof java.util.Collection<?>) {
                shape.append('|').append(name).append('=')
                        .append(value instanceof java.util.Collection<?> list ? "list" + list.size() : value);
            }
        });
        return shape.toString();
    }
}
