package dev.shopsync.migration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer of a CloudFormation custom resource: a JSON document PUT to the request's pre-signed {@code ResponseURL}
 * (S3), with no content type (the URL's signature covers none). Tried three times; CloudFormation waits for it up to
 * an hour otherwise.
 */
public class CloudFormationResponse {

    private static final Logger LOG = Logger.getLogger(CloudFormationResponse.class);
    private static final int ATTEMPTS = 3;
    /** CloudFormation limits the whole response to 4 KB; the reason is the only free text in it. */
    private static final int MAX_REASON = 1000;

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public CloudFormationResponse(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** @return whether CloudFormation's URL accepted the answer */
    public boolean send(Map<String, Object> event, boolean success, String reason, String physicalResourceId,
            Map<String, String> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", success ? "SUCCESS" : "FAILED");
        body.put("Reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        body.put("PhysicalResourceId", physicalResourceId);
        body.put("StackId", event.get("StackId"));
        body.put("RequestId", event.get("RequestId"));
        body.put("LogicalResourceId", event.get("LogicalResourceId"));
        body.put("NoEcho", false);
        body.put("Data", data);
        String url = String.valueOf(event.get("ResponseURL"));
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom resource response not serialisable", e);
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(timeout)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return true;
                }
                LOG.warnf("CloudFormation response attempt %d: HTTP %d", attempt, response.statusCode());
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("CloudFormation response attempt %d failed: %s", attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        LOG.errorf("CloudFormation never got the %s answer of request %s", body.get("Status"), event.get("RequestId"));
        return false;
    }
}
