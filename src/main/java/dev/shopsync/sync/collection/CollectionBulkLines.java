package dev.shopsync.sync.collection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.bulk.BulkLine;
import dev.shopsync.bulk.BulkLineRoutes;
import dev.shopsync.bulk.BulkQueries;
import dev.shopsync.bulk.BulkResource;

/**
 * Collections from a bulk result: a collection line is written like a page row without members (which replaces
 * its membership), and each member product line that follows is added to it, in Shopify's order.
 */
@ApplicationScoped
public class CollectionBulkLines implements BulkResource {

    private static final BulkQueries QUERIES = new BulkQueries(CollectionSyncer.RESOURCE, "collections",
            "CollectionsBulk", Optional.of("CollectionsOldest"));

    private final CollectionSyncer syncer;
    private final CollectionPageWriter writer;

    public CollectionBulkLines(CollectionSyncer syncer, CollectionPageWriter writer) {
        this.syncer = syncer;
        this.writer = writer;
    }

    @Override
    public BulkQueries queries() {
        return QUERIES;
    }

    @Override
    public List<Long> write(Connection connection, long shopId, List<BulkLine> lines, long firstLine)
            throws SQLException {
        List<CollectionRow> collections = new ArrayList<>();
        List<CollectionPageWriter.Member> members = new ArrayList<>();
        BulkLineRoutes.of(CollectionSyncer.RESOURCE)
                .root("Collection", (line, n) -> collections.add(syncer.rowOf(line.node())))
                .child("Product", (line, n) -> members.add(new CollectionPageWriter.Member(line.parentId(), line.id(),
                        Math.toIntExact(n))))
                .route(lines, firstLine);
        writer.writeRows(connection, shopId, collections);
        writer.addBulkMembers(connection, shopId, members);
        return List.of();
    }
}
