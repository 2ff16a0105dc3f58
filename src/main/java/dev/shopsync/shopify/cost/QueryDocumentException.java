package dev.shopsync.shopify.cost;

/**
 * The query text cannot be priced: it does not parse, names an operation it does not define, or spreads a fragment
 * it does not define. A caller bug, never a Shopify condition, so it is not retried.
 */
public class QueryDocumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public QueryDocumentException(String message) {
        super(message);
    }

    /** A syntax error, located the way an editor shows it (both 1-based) so the query can be fixed directly. */
    static QueryDocumentException syntax(int line, int column, String message) {
        return new QueryDocumentException("Syntax error at line " + line + ", column " + column + ": " + message);
    }
}
