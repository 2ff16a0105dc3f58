package dev.shopsync.compliance;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shopsync.budget.Lane;
import dev.shopsync.shop.ShopConnection;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocument;
import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.shopify.ShopifyApiException;
import dev.shopsync.time.Deadline;

/**
 * Asks Shopify whether the app is installed on a shop: the cheapest query with the shop's token. Shopify refuses a
 * revoked token with 401, and it revokes the token when the merchant uninstalls the app; that refusal, not a
 * webhook's header, is what an uninstall or a shop erasure rests on.
 */
@ApplicationScoped
public class TokenProbe {

    /** What Shopify said about the shop's token. */
    public enum Answer {
        /** Shopify answered the query: the app is installed. */
        ACCEPTED,
        /** Shopify answered 401: the token was revoked (the app was uninstalled). */
        REFUSED
    }

    private final GraphQlClient client;
    private final GraphQlDocument probe;

    public TokenProbe(GraphQlClient client, GraphQlDocuments documents) {
        this.client = client;
        this.probe = documents.get("ShopProbe");
    }

    /**
     * @throws RuntimeException when there is no answer either way (the token's secret cannot be read, Shopify is
     *                          unreachable or answers something else): nothing may be decided then
     */
    public Answer ask(ShopConnection shop, Deadline deadline) {
        try {
            client.execute(shop, probe, Map.of(), Lane.WEBHOOK, deadline);
            return Answer.ACCEPTED;
        } catch (ShopifyApiException e) {
            if (e.httpStatus() == 401) {
                return Answer.REFUSED;
            }
            throw e;
        }
    }
}
