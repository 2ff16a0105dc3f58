package dev.shopsync.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.Answerable;
import dev.shopsync.change.Entity;

/**
 * {@code GET /shops/{shop}/collections/{id}/products?first=&after=}: one page of a live collection's live products
 * in collection order, each with its price range. One statement builds the page; the cursor is the position of the
 * page's last product.
 */
public final class CollectionPageAnswer implements Answerable {

    static final PageCursor CURSOR = new PageCursor("p");

    // Dependencies: the collection row and its membership (COLLECTION), and PRODUCT of every member the page went
    // over (the second column): the products shown, and the members skipped because they are deleted or not synced
    // yet, whose arrival would change the page. Members after the page's last product belong to later pages, unless
    // there is no next page: then all of them count (one of them appearing makes a next page).
    private static final String PAGE = """
            WITH args AS (SELECT ?::bigint AS shop_id, ?::bigint AS collection_id, ?::int AS after, ?::int AS first),
            live AS (
                SELECT cp.position, p.id, p.title, p.handle, p.status
                FROM args a
                JOIN collection_product cp ON cp.shop_id = a.shop_id AND cp.collection_id = a.collection_id
                                          AND cp.position > a.after
                JOIN product p ON p.shop_id = cp.shop_id AND p.id = cp.product_id AND p.deleted_at IS NULL
                ORDER BY cp.position
                LIMIT (SELECT first + 1 FROM args)),
            shown AS (SELECT * FROM live ORDER BY position LIMIT (SELECT first FROM args)),
            bounds AS (SELECT max(position) AS last, (SELECT count(*) FROM live) > (SELECT first FROM args) AS more
                       FROM shown)
            SELECT json_build_object(
                       'collection', json_build_object('id', c.id, 'title', c.title, 'handle', c.handle),
                       'products', coalesce((
                           SELECT json_agg(json_build_object(
                                      'id', s.id, 'title', s.title, 'handle', s.handle, 'status', s.status,
                                      'price_range', json_build_object('min', pr.min, 'max', pr.max))
                                      ORDER BY s.position)
                           FROM shown s
                           LEFT JOIN LATERAL (
                               SELECT min(pv.price) AS min, max(pv.price) AS max FROM product_variant pv
                               WHERE pv.shop_id = c.shop_id AND pv.product_id = s.id AND pv.deleted_at IS NULL) pr
                               ON true), '[]'::json),
                       'page_info', json_build_object('has_next_page', b.more,
                                                      'end_cursor', %s))::text,
                   ARRAY(SELECT cp.product_id FROM collection_product cp, args a
                         WHERE cp.shop_id = a.shop_id AND cp.collection_id = a.collection_id AND cp.position > a.after
                           AND (NOT b.more OR cp.position <= b.last))
            FROM collection c, bounds b
            WHERE c.shop_id = (SELECT shop_id FROM args) AND c.id = (SELECT collection_id FROM args)
              AND c.deleted_at IS NULL
            """.formatted(CURSOR.sql("b.last"));

    private final long shopId;
    private final long collectionId;
    private final Page page;
    private final int afterPosition;

    /** @throws BadReadRequest when the page's cursor is not a position cursor */
    public CollectionPageAnswer(long shopId, long collectionId, Page page) {
        this.shopId = shopId;
        this.collectionId = collectionId;
        this.page = page;
        this.afterPosition = page.after() == null ? 0 : afterPosition(CURSOR.decode(page.after()));
    }

    private static int afterPosition(String cursorValue) {
        try {
            int position = Integer.parseInt(cursorValue);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw PageCursor.invalid();
    }

    @Override
    public long shopId() {
        return shopId;
    }

    @Override
    public String key() {
        return "collection:" + collectionId + ":" + page.keyPart();
    }

    @Override
    public Answer build(Connection connection) throws SQLException {
        Set<Entity> dependsOn = new HashSet<>();
        dependsOn.add(Entity.of(Entity.Kind.COLLECTION, collectionId));
        try (PreparedStatement statement = connection.prepareStatement(PAGE)) {
            statement.setLong(1, shopId);
            statement.setLong(2, collectionId);
            statement.setInt(3, afterPosition);
            statement.setInt(4, page.first());
            return JsonRow.answer(statement, "collection", dependsOn, Entity.Kind.PRODUCT);
        }
    }
}
