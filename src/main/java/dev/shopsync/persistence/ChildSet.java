package dev.shopsync.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A child table written with its parents, in their transaction: the children of the parents that were applied are
 * upserted, and each such parent's set is made equal to what it now has (the rest soft-deleted). A parent whose list
 * is null keeps the children it has: its source could not send them (a webhook payload, a bulk line that leaves its
 * children to lines of their own).
 *
 * @param <P> what holds the children of one parent (the parent row, or its children record)
 * @param <C> the child row
 */
public final class ChildSet<P, C> {

    private final BulkUpsert<C> upsert;
    private final ChildSetPruner pruner;
    private final Function<P, List<C>> childrenOf;
    private final Function<C, Long> idOf;

    /**
     * @param upsert       the child table's upsert
     * @param parentColumn the child table's column naming its parent
     */
    public ChildSet(BulkUpsert<C> upsert, String table, String parentColumn, Function<P, List<C>> childrenOf,
            Function<C, Long> idOf) {
        this.upsert = upsert;
        this.pruner = new ChildSetPruner(table, parentColumn);
        this.childrenOf = childrenOf;
        this.idOf = idOf;
    }

    /** The applied parents of a page, by id and in page order: what {@link #write} takes. */
    public static <R> Map<Long, R> applied(List<R> rows, Set<Long> appliedIds, Function<R, Long> idOf) {
        Map<Long, R> applied = new LinkedHashMap<>();
        for (R row : rows) {
            if (appliedIds.contains(idOf.apply(row))) {
                applied.put(idOf.apply(row), row);
            }
        }
        return applied;
    }

    /** @param parents the applied parents by id */
    public void write(Connection connection, long shopId, Map<Long, P> parents) throws SQLException {
        List<C> all = new ArrayList<>();
        Set<Long> complete = new HashSet<>();
        parents.forEach((parentId, parent) -> {
            List<C> children = childrenOf.apply(parent);
            if (children != null) {
                complete.add(parentId);
                all.addAll(children);
            }
        });
        upsert.execute(connection, shopId, all);
        pruner.prune(connection, shopId, complete, all.stream().map(idOf).toList());
    }
}
