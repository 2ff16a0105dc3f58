package dev.shopsync.read;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import dev.shopsync.cache.Answer;
import dev.shopsync.change.Entity;

/**
 * The answer of a statement that builds it in one row: the JSON in the first column, and in the second the ids (a
 * bigint array) of the entities of one kind it was built from, such as the products on a collection's page. No row
 * means the thing asked about is not there.
 */
final class JsonRow {

    private JsonRow() {
    }

    /**
     * @param what      named in the 404 body
     * @param dependsOn what the answer depends on whatever the row says; the listed ids are added to it
     * @param listed    the kind of the ids in the second column
     */
    static Answer answer(PreparedStatement statement, String what, Set<Entity> dependsOn, Entity.Kind listed)
            throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Answer.notFound(what, dependsOn);
            }
            for (Long id : (Long[]) row.getArray(2).getArray()) {
                dependsOn.add(Entity.of(listed, id));
            }
            return Answer.found(row.getString(1), dependsOn);
        }
    }
}
