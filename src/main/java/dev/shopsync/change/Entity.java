package dev.shopsync.change;

/**
 * Something a write can change and a cached answer can be built from: the unit of invalidation. Writers say which
 * entities a commit changed ({@link Changes}); answers say which entities they were built from; a cached answer is
 * served only while every one of its entities still has the version it had when the answer was built.
 *
 * <p>Entities are chosen so that a writer names them from the rows it writes, without reading anything more: an
 * inventory write names its inventory items, and a product answer depends on the items of its variants.
 */
public record Entity(Kind kind, long id) {

    /** What the id names. Entities without an id of their own use {@code 0}. */
    public enum Kind {
        /** Everything of the shop: bulk chunks and shop erasure change more than is worth naming one by one. */
        SHOP,
        /** A product row, its variants and media. */
        PRODUCT,
        /** The ids of the collections a product belongs to. */
        PRODUCT_COLLECTIONS,
        /** A collection row and its ordered membership. */
        COLLECTION,
        /** An inventory item and its levels at every location. */
        INVENTORY_ITEM,
        /** The shop's locations (names and whether they are active). */
        LOCATIONS,
        /** An order row and its lines, refunds, fulfillments and transactions. */
        ORDER,
        /** A customer row (and so whether its personal data may be served). */
        CUSTOMER,
        /** The set and the order of a customer's orders. */
        CUSTOMER_ORDERS,
        /** The daily aggregates of one month, id {@code yyyymm}. */
        ORDER_MONTH
    }

    public Entity {
        if (kind == null) {
            throw new IllegalArgumentException("an entity needs a kind");
        }
    }

    public static Entity of(Kind kind, long id) {
        return new Entity(kind, id);
    }

    /** The shop-wide entity every answer depends on. */
    public static Entity shop() {
        return new Entity(Kind.SHOP, 0);
    }

    /**
     * "Some product of the shop was written": what answers that looked a product up by something other than its id
     * (a handle) and found none depend on. No entity names a handle, and a writer cannot tell a new handle from an
     * old one without reading, so every product write names this entity too.
     */
    public static Entity anyProduct() {
        return new Entity(Kind.PRODUCT, 0);
    }

    /** The month a day's sales aggregate belongs to: {@code ORDER_MONTH yyyymm}. */
    public static Entity orderMonth(java.time.LocalDate day) {
        return new Entity(Kind.ORDER_MONTH, day.getYear() * 100L + day.getMonthValue());
    }

    /** Short, stable name used in Redis keys: {@code product:42}. */
    public String keyPart() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
