package dev.shopsync.observability;

import static dev.shopsync.support.SimulatorResource.APP_WEBHOOK_SECRET;
import static dev.shopsync.support.SimulatorResource.HOOKS_SHOP;
import static dev.shopsync.support.SimulatorResource.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import dev.shopsync.lambda.WebhookHandler;
import dev.shopsync.support.SignedWebhook;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every line a slice logs carries its shop, resource, mode and slice id; and no line of a slice or of webhook
 * deliveries (signed, forged) carries the shop's access token or the webhook secret.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
class LogContextTest {

    @Inject
    TestData data;

    @Inject
    WebhookHandler webhooks;

    @Test
    void sliceLinesCarryTheirContextAndNoLineCarriesASecret() {
        data.reset(HOOKS_SHOP);
        data.deleteRedisKeys(HOOKS_SHOP);
        List<ExtLogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    // the MDC is the caller's: copy it before the record is handed on
                    ext.copyMdc();
                    synchronized (records) {
                        records.add(ext);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            SliceInvoker.slice(Map.of("shop", HOOKS_SHOP, "resource", "products", "maxPages", 5));
            String body = SignedWebhook.fixture("products/update");
            webhooks.handleRequest(SignedWebhook.of(HOOKS_SHOP, "products/update", body, APP_WEBHOOK_SECRET).event(),
                    null);
            webhooks.handleRequest(SignedWebhook.of(HOOKS_SHOP, "products/update", body, "a-forged-secret").event(),
                    null);
        } finally {
            root.removeHandler(capture);
        }

        List<ExtLogRecord> sliceLines;
        synchronized (records) {
            sliceLines = records.stream().filter(r -> r.getLoggerName().startsWith("dev.shopsync.sync")).toList();
            for (ExtLogRecord record : records) {
                String line = record.getFormattedMessage() + " " + record.getMdcCopy();
                assertFalse(line.contains(TOKEN), "access token in: " + line);
                assertFalse(line.contains(APP_WEBHOOK_SECRET), "webhook secret in: " + line);
            }
        }
        assertTrue(!sliceLines.isEmpty(), "the slice logged (its cursor was rebuilt)");
        for (ExtLogRecord line : sliceLines) {
            assertEquals(HOOKS_SHOP, line.getMdc("shop"), line.getFormattedMessage());
            assertEquals("products", line.getMdc("resource"));
            assertEquals("incremental", line.getMdc("mode"));
            assertEquals(36, line.getMdc("sliceId").length());
        }
    }
}
