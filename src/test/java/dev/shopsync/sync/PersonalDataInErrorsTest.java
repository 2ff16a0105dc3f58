package dev.shopsync.sync;

import static dev.shopsync.support.SimulatorResource.PLAN_SHOP_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.core.BaseConnection;

import dev.shopsync.persistence.PersistenceFailure;
import dev.shopsync.simulator.CustomerTruth;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * PostgreSQL's error texts quote row values: a write refused over a customer's e-mail leaves no trace of the e-mail
 * in {@code sync_run.error}, in any log line, or in what the Lambda answers; the SQLState and the class are there.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PersonalDataInErrorsTest {

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    DataSource dataSource;

    @BeforeEach
    @AfterEach
    void clean() {
        data.execute("DROP TRIGGER IF EXISTS pii_probe ON customer");
        data.execute("DROP FUNCTION IF EXISTS pii_probe()");
        data.reset(PLAN_SHOP_B);
    }

    @Test
    void theDriverLeavesTheServersDetailOutEvenWithTheUrlFromTheEnvironment() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertFalse(connection.unwrap(BaseConnection.class).getLogServerErrorDetail(),
                    "logServerErrorDetail=false reaches the driver");
            statement.execute("CREATE TEMPORARY TABLE pii_unique (email text PRIMARY KEY)");
            statement.execute("INSERT INTO pii_unique VALUES ('jane.doe@example.com')");
            SQLException duplicate = assertThrows(SQLException.class,
                    () -> statement.execute("INSERT INTO pii_unique VALUES ('jane.doe@example.com')"));
            assertEquals("23505", duplicate.getSQLState());
            assertFalse(duplicate.getMessage().contains("jane.doe"), duplicate.getMessage());

            PersistenceFailure failure = new PersistenceFailure("writing 1 test row", duplicate);
            assertEquals("writing 1 test row failed: SQLState 23505 (PSQLException)", failure.getMessage());
            assertFalse(stackText(failure).contains("pii_unique"), "no server text in the cause chain either");
        }
    }

    @Test
    void aRefusedCustomerWriteRecordsTheSqlStateAndNoEmail() {
        long shopId = data.shopId(PLAN_SHOP_B);
        List<String> emails = simulator.shop(PLAN_SHOP_B).customers().stream().map(CustomerTruth::email)
                .filter(email -> email != null && !email.isBlank()).toList();
        assertFalse(emails.isEmpty());
        // the harshest case: a server message (not only its detail) that quotes the row's e-mail
        data.execute("CREATE FUNCTION pii_probe() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.shop_id = " + shopId + " THEN RAISE EXCEPTION 'customer % refused', NEW.email "
                + "USING ERRCODE = 'check_violation', DETAIL = 'row of ' || NEW.email; END IF; RETURN NEW; END $$");
        data.execute("CREATE TRIGGER pii_probe BEFORE INSERT OR UPDATE ON customer FOR EACH ROW "
                + "EXECUTE FUNCTION pii_probe()");

        List<String> lines = new ArrayList<>();
        Handler capture = capture(lines);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Response response;
        try {
            response = SliceInvoker.invokeRaw(Map.of("shop", PLAN_SHOP_B, "resource", "customers"));
        } finally {
            root.removeHandler(capture);
        }

        assertNotEquals(200, response.statusCode());
        String error = data.text("SELECT error FROM sync_run WHERE shop_id = ? AND outcome = 'FAILED' "
                + "ORDER BY ended_at DESC LIMIT 1", shopId);
        assertTrue(error != null && error.contains("SQLState 23514 (") && error.contains("PersistenceFailure"),
                String.valueOf(error));
        List<String> places = new ArrayList<>(lines);
        places.add(error);
        places.add(response.asString());
        synchronized (lines) {
            for (String place : places) {
                for (String email : emails) {
                    assertFalse(place.contains(email), "an e-mail in: " + place);
                }
            }
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("SQLState 23514")), "the failure was logged");
        assertEquals(0, data.count("SELECT count(*) FROM customer WHERE shop_id = ?", shopId), "nothing written");
    }

    private static Handler capture(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                String line = message + (record.getThrown() == null ? "" : "\n" + stackText(record.getThrown()));
                synchronized (lines) {
                    lines.add(line);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static String stackText(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
