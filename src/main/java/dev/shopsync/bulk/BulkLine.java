package dev.shopsync.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.shopsync.shopify.Gid;

/**
 * One line of a bulk result: a node, without its {@code __parentId}, typed by its GID (or by {@code __typename}
 * for the nodes Shopify gives no id, such as discount applications).
 *
 * @param type     the GID type, e.g. {@code ProductVariant}; {@code __typename} when the node has no id
 * @param id       the numeric id, or 0 without one
 * @param parentId the numeric id of the parent, or null for a root line
 * @param node     the node's fields as selected in the bulk query
 */
public record BulkLine(String type, long id, Long parentId, ObjectNode node) {

    static final String PARENT_FIELD = "__parentId";

    /** @throws IllegalArgumentException when the line is not an object or its ids are not GIDs */
    public static BulkLine of(JsonNode parsed) {
        if (!(parsed instanceof ObjectNode node)) {
            throw new IllegalArgumentException("a bulk result line must be a JSON object");
        }
        JsonNode parent = node.remove(PARENT_FIELD);
        Long parentId = parent == null || parent.isNull() ? null : Gid.numericId(parent.asText());
        String gid = node.path("id").asText(null);
        if (gid == null) {
            return new BulkLine(node.path("__typename").asText(""), 0L, parentId, node);
        }
        return new BulkLine(typeOf(gid), Gid.numericId(gid), parentId, node);
    }

    public boolean root() {
        return parentId == null;
    }

    private static String typeOf(String gid) {
        // gid://shopify/<Type>/<id>
        int end = gid.lastIndexOf('/');
        int start = gid.lastIndexOf('/', end - 1);
        if (!gid.startsWith("gid://shopify/") || start < 0 || end <= start + 1) {
            throw new IllegalArgumentException("not a Shopify GID: " + gid);
        }
        return gid.substring(start + 1, end);
    }
}
