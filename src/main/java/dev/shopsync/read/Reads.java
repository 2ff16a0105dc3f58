package dev.shopsync.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.AnswerCache;
import dev.shopsync.cache.Answerable;
import dev.shopsync.persistence.PersistenceFailure;

/**
 * Where every read is answered: the one seam between a question and PostgreSQL, with the {@link AnswerCache} in
 * front of it ({@link #serve}). A question is built in one read-only, repeatable-read transaction, so an answer of several statements (a product
 * found by handle) sees one state of the data, and timestamps are rendered in UTC whatever the server's zone.
 */
@ApplicationScoped
public class Reads {

    private final DataSource dataSource;
    private final AnswerCache cache;

    public Reads(DataSource dataSource, AnswerCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    /** The answer, from the cache when a valid one is there, else from PostgreSQL. */
    public AnswerCache.Served serve(Answerable question) {
        return cache.get(question, this::answer);
    }

    /** The answer from PostgreSQL, always. */
    public Answer answer(Answerable question) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    statement.execute("SET LOCAL TIME ZONE 'UTC'");
                }
                Answer answer = question.build(connection);
                connection.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading " + question.key() + " of shop " + question.shopId(), e);
        }
    }
}
