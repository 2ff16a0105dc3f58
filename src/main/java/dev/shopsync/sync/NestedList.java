package dev.shopsync.sync;

/**
 * A connection inside each node of a resource that must be read to its end before the node is stored: a
 * product's variants, an order's line items, each refund's refund line items.
 *
 * @param path          where the connection sits in a node: its field, after the fields leading to it, dot
 *                      separated; a list on the way means "in each element" ({@code refunds.refundLineItems})
 * @param firstVariable the variable sizing it inline in the page and by-id operations, or null when the
 *                      documents fix the inline size themselves
 * @param inline        the configured inline size behind {@code firstVariable} (adapted down when lists are short)
 * @param pageOperation operation paging one owner's connection further (variables id, first, after)
 * @param owner         the field holding the owner in that operation's answer, e.g. {@code refund}
 */
public record NestedList(String path, String firstVariable, int inline, String pageOperation, String owner) {

    /** The connection field itself, the last step of the path. */
    public String field() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** The fields leading from the node to the connection's owners; empty when the node owns it. */
    public String[] ownerPath() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? new String[0] : path.substring(0, dot).split("\\.");
    }
}
