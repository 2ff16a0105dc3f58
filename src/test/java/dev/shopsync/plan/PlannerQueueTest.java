package dev.shopsync.plan;

import static dev.shopsync.support.SimulatorResource.PLAN_SHOP_A;
import static dev.shopsync.support.SimulatorResource.PLAN_SHOP_B;
import static dev.shopsync.support.SimulatorResource.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.lambda.PlannerHandler;
import dev.shopsync.simulator.ShopifySimulator;
import dev.shopsync.simulator.SimulatedShop;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.support.InjectSimulator;
import dev.shopsync.support.SimulatorResource;
import dev.shopsync.support.SliceInvoker;
import dev.shopsync.support.SqsResource;
import dev.shopsync.support.TestData;
import dev.shopsync.sync.SliceRequest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The production path end to end: the planner queues slices in a real SQS-compatible server (ElasticMQ), each
 * message is handed to the sync-slice Lambda as the SQS event AWS would send (through the mock event server), and
 * slices re-queue themselves until done. Two shops at once end equal to the simulator's truth, and no stream ever
 * has two messages in the queue.
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
@WithTestResource(SqsResource.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PlannerQueueTest {

    private static final Logger LOG = Logger.getLogger(PlannerQueueTest.class);
    private static final Set<String> SHOPS = Set.of(PLAN_SHOP_A, PLAN_SHOP_B);

    @InjectSimulator
    ShopifySimulator simulator;

    @Inject
    TestData data;

    @Inject
    PlannerHandler planner;

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    // read at run time: other test classes boot without the SQS resource, and injected config would fail them
    private String queueUrl;
    private String dlqUrl;

    @Test
    void plannedSlicesDrainToTheTruthOfTwoShopsWithoutDuplicates() throws Exception {
        for (String shop : SHOPS) {
            data.reset(shop);
            data.deleteRedisKeys(shop);
        }
        queueUrl = ConfigProvider.getConfig().getValue("shopsync.planner.queue-url", String.class);
        dlqUrl = ConfigProvider.getConfig().getValue("shopsync.test.sqs.dlq-url", String.class);
        String endpoint = ConfigProvider.getConfig().getValue("quarkus.sqs.endpoint-override", String.class);
        try (SqsClient sqs = SqsResource.client(endpoint)) {
            Map<String, Integer> messagesPerStream = new TreeMap<>();
            int rounds = 0;
            int slices = 0;
            while (!equalToTruth()) {
                assertTrue(++rounds <= 40, "not equal to the truth after 40 planner rounds");
                int queued = plan();
                if (rounds == 1) {
                    // every shop is capped at 4 queued streams; a second round right away queues nothing more
                    assertEquals(8, queued);
                    assertEquals(0, plan(), "the same streams queued twice");
                }
                slices += drain(sqs, messagesPerStream);
            }
            LOG.infof("planner e2e: %d rounds, %d slices, per stream %s", rounds, slices, messagesPerStream);
            // never synced: bulk backfills (re-queued while their jobs ran), then the refresh of orders with refunds
            // or fulfillments; locations have no backfill and were synced incrementally
            for (String shop : SHOPS) {
                for (String stream : List.of("/products#backfill", "/orders#backfill", "/orders#refresh",
                        "/locations")) {
                    assertTrue(messagesPerStream.containsKey(shop + stream), shop + stream + " in "
                            + messagesPerStream);
                }
                assertTrue(messagesPerStream.get(shop + "/inventory#backfill") > 1, "re-queued while jobs ran");
            }
            assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
        }
    }

    @Test
    void lifecycleRequestsComeFirstAndAnUninstalledShopIsOnlyProbedForAReinstall() throws Exception {
        queueUrl = ConfigProvider.getConfig().getValue("shopsync.planner.queue-url", String.class);
        String endpoint = ConfigProvider.getConfig().getValue("quarkus.sqs.endpoint-override", String.class);
        long shopId = data.shopId(PLAN_SHOP_A);
        data.deleteRedisKeys(PLAN_SHOP_A);
        data.execute("DELETE FROM shop_lifecycle_request WHERE shop_id = ?", shopId);
        try (SqsClient sqs = SqsResource.client(endpoint)) {
            sqs.purgeQueue(b -> b.queueUrl(queueUrl));
            // a verified app/uninstalled body was recorded: the shop's lifecycle slice is queued before anything else
            data.execute("INSERT INTO shop_lifecycle_request (shop_id, kind) VALUES (?, 'uninstall')", shopId);
            assertEquals(4, planOnly(PLAN_SHOP_A));
            List<String> bodies = receiveAll(sqs);
            assertTrue(bodies.stream().anyMatch(b -> b.contains("\"resource\":\"shop\"")
                    && b.contains("\"mode\":\"lifecycle\"")), bodies.toString());
            sqs.purgeQueue(b -> b.queueUrl(queueUrl));
            data.deleteRedisKeys(PLAN_SHOP_A);

            // uninstalled (Shopify refuses the token), nothing requested: a probe and no sync slice at all
            simulator.shop(PLAN_SHOP_A).uninstallApp();
            data.execute("DELETE FROM shop_lifecycle_request WHERE shop_id = ?", shopId);
            data.execute("UPDATE shop SET active = false, uninstalled_at = now() WHERE id = ?", shopId);
            assertEquals(1, planOnly(PLAN_SHOP_A));
            Message probe = single(sqs);
            assertEquals("shop#lifecycle", json.readValue(probe.body(), SliceRequest.class).stream());
            SliceInvoker.invokeRaw(sqsEvent(probe)).then().statusCode(200);
            assertEquals(0, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
            assertEquals(0, planOnly(PLAN_SHOP_A), "an uninstalled shop is probed once per interval");

            // the merchant installs the app again; an hour later the probe finds the token accepted
            simulator.shop(PLAN_SHOP_A).reinstallApp(TOKEN);
            redis.key().del(keys.notDueBefore(PLAN_SHOP_A, "shop#lifecycle"));
            assertEquals(1, planOnly(PLAN_SHOP_A));
            SliceInvoker.invokeRaw(sqsEvent(single(sqs))).then().statusCode(200);
            assertEquals(1, data.count("SELECT count(*) FROM shop WHERE id = ? AND active", shopId));
        } finally {
            simulator.shop(PLAN_SHOP_A).reinstallApp(TOKEN);
            data.execute("UPDATE shop SET active = true, uninstalled_at = NULL WHERE id = ?", shopId);
        }
    }

    private Message single(SqsClient sqs) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(0).visibilityTimeout(60)).messages();
        assertEquals(1, messages.size(), messages.toString());
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
        return messages.get(0);
    }

    @Test
    void aMessageThatCanNeverRunFailsItsItemAndIsRecorded() {
        long shopId = data.shopId(PLAN_SHOP_A);
        data.execute("DELETE FROM sync_run WHERE shop_id = ? AND resource = 'orderz'", shopId);
        Message refused = Message.builder().messageId("m-refused").receiptHandle("r1")
                .body("{\"shop\":\"" + PLAN_SHOP_A + "\",\"resource\":\"orderz\"}").build();
        Message garbage = Message.builder().messageId("m-garbage").receiptHandle("r2").body("not a request").build();
        Map<String, Object> event = Map.of("Records", List.of(sqsEvent(refused).get("Records"),
                sqsEvent(garbage).get("Records")).stream().flatMap(r -> ((List<?>) r).stream()).toList());

        Response response = SliceInvoker.invokeRaw(event);

        response.then().statusCode(200);
        assertEquals(List.of(Map.of("itemIdentifier", "m-refused"), Map.of("itemIdentifier", "m-garbage")),
                response.jsonPath().getList("batchItemFailures"));
        // the refusal names a shop we know: recorded for the operator; the garbage names none
        assertEquals("FAILED", data.text("SELECT outcome FROM sync_run WHERE shop_id = ? AND resource = 'orderz'",
                shopId));
        assertTrue(data.text("SELECT error FROM sync_run WHERE shop_id = ? AND resource = 'orderz'", shopId)
                .startsWith("InvalidSliceRequestException: unknown resource 'orderz'; supported: "));
    }

    private int planOnly(String shop) {
        return (Integer) planner.handleRequest(Map.of("shops", List.of(shop)), null).get("queued");
    }

    private List<String> receiveAll(SqsClient sqs) {
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(60)).messages();
            batch.forEach(m -> bodies.add(m.body()));
        } while (!batch.isEmpty());
        return bodies;
    }

    private int plan() {
        Map<String, Object> event = new HashMap<>();
        event.put("shops", List.copyOf(SHOPS));
        return (Integer) planner.handleRequest(event, null).get("queued");
    }

    /**
     * Hands every message to sync-slice as an SQS event of one record, until the queue is empty. Before each pass
     * all visible messages are taken at once: their streams must be distinct.
     */
    private int drain(SqsClient sqs, Map<String, Integer> messagesPerStream) throws Exception {
        int handled = 0;
        while (true) {
            List<Message> visible = new ArrayList<>();
            List<Message> batch;
            do {
                batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                        .visibilityTimeout(60)).messages();
                visible.addAll(batch);
            } while (!batch.isEmpty());
            if (visible.isEmpty()) {
                return handled;
            }
            Set<String> streams = new HashSet<>();
            for (Message message : visible) {
                SliceRequest request = json.readValue(message.body(), SliceRequest.class);
                String stream = request.shop() + "/" + request.stream();
                assertTrue(streams.add(stream), "two messages of " + stream + " in the queue");
                messagesPerStream.merge(stream, 1, Integer::sum);
            }
            for (Message message : visible) {
                Response response = SliceInvoker.invokeRaw(sqsEvent(message));
                response.then().statusCode(200);
                List<Map<String, String>> failures = response.jsonPath().getList("batchItemFailures");
                assertEquals(List.of(), failures, "slice failed: " + message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                handled++;
            }
        }
    }

    /** The event AWS hands a Lambda for one SQS message. */
    private static Map<String, Object> sqsEvent(Message message) {
        Map<String, Object> record = new HashMap<>();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        record.put("attributes", Map.of("ApproximateReceiveCount", "1"));
        record.put("messageAttributes", Map.of());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:" + SqsResource.QUEUE);
        record.put("awsRegion", "us-east-1");
        return Map.of("Records", List.of(record));
    }

    private boolean equalToTruth() {
        for (String domain : SHOPS) {
            SimulatedShop shop = simulator.shop(domain);
            if (!TestData.truthChecksums(shop).equals(data.databaseChecksums(domain))
                    || !TestData.truthCustomerChecksums(shop).equals(data.databaseCustomerChecksums(domain))
                    || !TestData.truthLocationChecksums(shop).equals(data.databaseLocationChecksums(domain))
                    || !TestData.truthCollectionChecksums(shop).equals(data.databaseCollectionChecksums(domain))
                    || !TestData.truthInventoryChecksums(shop).equals(data.databaseInventoryChecksums(domain))
                    || !TestData.truthOrderChecksums(shop).equals(data.databaseOrderChecksums(domain))) {
                return false;
            }
        }
        return true;
    }
}
