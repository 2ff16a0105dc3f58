package dev.shopsync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.persistence.PersistenceFailure;

/**
 * The durable copy of each stream's cursor, in PostgreSQL ({@code stream_offset}): the offset stored with the sink.
 * {@link #save} runs inside the caller's transaction, the one holding the page the cursor points past, so the two
 * commit or vanish together; {@link CursorStore} in Redis is the fast copy, written after that commit. A lost or
 * unreadable Redis cursor is rebuilt from {@link #load}.
 */
@ApplicationScoped
public class StreamOffsets {

    /**
     * Monotonic: a stored watermark is only replaced by one at or past it in {@code (updated_at, id)} order (a stale
     * Redis copy re-doing a page, a zombie writer, a late hand-over never move it back).
     */
    private static final String SAVE = "INSERT INTO stream_offset AS o (shop_id, stream, watermark, watermark_id, "
            + "window_start, window_end, page_cursor, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, now()) "
            + "ON CONFLICT (shop_id, stream) DO UPDATE SET watermark = excluded.watermark, "
            + "watermark_id = excluded.watermark_id, window_start = excluded.window_start, "
            + "window_end = excluded.window_end, page_cursor = excluded.page_cursor, updated_at = excluded.updated_at "
            + "WHERE o.watermark IS NULL OR (excluded.watermark IS NOT NULL "
            + "AND (excluded.watermark, excluded.watermark_id) >= (o.watermark, o.watermark_id))";

    private static final String LOAD = "SELECT watermark, watermark_id, window_start, window_end, page_cursor "
            + "FROM stream_offset WHERE shop_id = ? AND stream = ?";

    private final DataSource dataSource;

    public StreamOffsets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The committed cursor of the stream, if any page of it was ever committed (or the backfill handed over). */
    public Optional<Cursor> load(long shopId, String stream) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(LOAD)) {
            read.setLong(1, shopId);
            read.setString(2, stream);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(instant(row.getTimestamp(1)), row.getLong(2),
                        instant(row.getTimestamp(3)), instant(row.getTimestamp(4)), row.getString(5)));
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("reading the offset of " + stream + " for shop " + shopId, e);
        }
    }

    /**
     * Records the cursor in the caller's transaction (a connection taken inside a JTA transaction is enlisted in it;
     * outside one the single statement commits on its own).
     *
     * @return false when the stored watermark is further and was kept
     */
    public boolean save(long shopId, String stream, Cursor cursor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement save = connection.prepareStatement(SAVE)) {
            save.setLong(1, shopId);
            save.setString(2, stream);
            save.setTimestamp(3, timestamp(cursor.watermark()));
            save.setLong(4, cursor.watermarkId());
            save.setTimestamp(5, timestamp(cursor.windowStart()));
            save.setTimestamp(6, timestamp(cursor.windowEnd()));
            save.setString(7, cursor.pageCursor());
            return save.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersistenceFailure("writing the offset of " + stream + " for shop " + shopId, e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
