package dev.shopsync.support;

import java.net.URI;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS-compatible server (ElasticMQ) in-process on a free port, with the slice queue and its DLQ created as
 * the SAM template creates them; the application's SQS client (the production one) is pointed at it.
 */
public class SqsResource implements QuarkusTestResourceLifecycleManager {

    public static final String QUEUE = "shopsync-slices";
    public static final String DLQ = "shopsync-slices-dlq";
    /** Receives before a message goes to the DLQ, as in the template. */
    public static final int MAX_RECEIVES = 3;

    private SQSRestServer server;

    @Override
    public Map<String, String> start() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(0).start();
        int port = server.waitUntilStarted().localAddress().getPort();
        String endpoint = "http://127.0.0.1:" + port;
        try (SqsClient sqs = client(endpoint)) {
            String dlqUrl = sqs.createQueue(b -> b.queueName(DLQ)).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String queueUrl = sqs.createQueue(b -> b.queueName(QUEUE).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "20",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                            + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}"))).queueUrl();
            return Map.of(
                    "quarkus.sqs.endpoint-override", endpoint,
                    "quarkus.sqs.aws.region", "us-east-1",
                    "quarkus.sqs.aws.credentials.type", "static",
                    "quarkus.sqs.aws.credentials.static-provider.access-key-id", "test",
                    "quarkus.sqs.aws.credentials.static-provider.secret-access-key", "test",
                    "shopsync.planner.queue-url", queueUrl,
                    "shopsync.test.sqs.dlq-url", dlqUrl,
                    // the test is the scheduler: no need to wait between polls of a bulk job
                    "shopsync.planner.waiting-delay", "PT0S");
        }
    }

    public static SqsClient client(String endpoint) {
        return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stopAndWait();
        }
    }
}
