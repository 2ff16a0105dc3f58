package dev.shopsync.lambda;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.shopify.ShopifyClients;
import dev.shopsync.shopify.cost.RequestedCostEstimator;
import dev.shopsync.sync.SliceOutcome;
import dev.shopsync.sync.SliceRequest;
import dev.shopsync.sync.SliceResult;
import dev.shopsync.webhook.WebhookSignature;
import io.quarkus.runtime.StartupEvent;

/**
 * Does before a SnapStart snapshot what a container's first invocation would otherwise pay for: every Shopify query
 * document loaded with its fragments and costed by the estimator, a REST client built (and closed), the JSON of slice
 * requests, results and payloads read and written once, the webhook HMAC computed once. The restored containers
 * start with all of it loaded and initialised. Nothing here opens a connection: a connection taken into a snapshot is
 * dead after the restore (PostgreSQL, Redis and Shopify are reached on the first invocation, as before).
 * Lambda's Java runtime calls {@link #beforeCheckpoint} through the CRaC API when it takes the snapshot.
 */
@Singleton
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    private final GraphQlDocuments documents;
    private final ShopifyClients clients;
    private final ObjectMapper json;
    private final WebhookSignature signature;
    private final PrimingConfig config;

    public Priming(GraphQlDocuments documents, ShopifyClients clients, ObjectMapper json, WebhookSignature signature,
            PrimingConfig config) {
        this.documents = documents;
        this.clients = clients;
        this.json = json;
        this.signature = signature;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        // the CRaC context keeps its resources weakly: this singleton holds itself
        Core.getGlobalContext().register(this);
        if (config.atStart()) {
            prime();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing taken into the snapshot needs renewing: priming opened no connection
    }

    /** @return the query documents primed */
    public int prime() {
        long started = System.nanoTime();
        RequestedCostEstimator estimator = new RequestedCostEstimator();
        List<String> operations = documents.operations();
        for (String operation : operations) {
            // each document defines one operation; the bulk queries' are anonymous (sent inside BulkOperationRunQuery)
            estimator.estimate(documents.get(operation).text(), Map.of(), null);
        }
        clients.warmUp();
        try {
            SliceRequest request = json.readValue("{\"shop\":\"priming.myshopify.com\",\"resource\":\"products\","
                    + "\"maxPages\":1}", SliceRequest.class);
            json.writeValueAsString(SliceResult.of(request.shop(), request.resource(), "incremental",
                    SliceOutcome.COMPLETED).build());
            json.readTree("{\"id\":1,\"admin_graphql_api_id\":\"gid://shopify/Product/1\",\"variants\":[{\"id\":2}]}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("priming JSON failed", e);
        }
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        signature.signedByAny(body, new byte[32], List.of("priming".getBytes(StandardCharsets.UTF_8)));
        LOG.infof("primed %d query documents, the Shopify client, JSON and HMAC in %d ms", operations.size(),
                (System.nanoTime() - started) / 1_000_000);
        return operations.size();
    }
}
