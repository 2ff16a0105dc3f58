package dev.shopsync.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.compliance.PrivacyRequests;
import dev.shopsync.shopify.Gid;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.state.RedisKeys;
import dev.shopsync.state.RefreshQueue;
import dev.shopsync.sync.ResourceSyncer;
import dev.shopsync.sync.customer.CustomerPageWriter;
import dev.shopsync.sync.customer.CustomerRow;
import dev.shopsync.sync.order.OrderPageWriter;
import dev.shopsync.sync.order.OrderRow;
import dev.shopsync.sync.product.ProductPageWriter;
import dev.shopsync.sync.product.ProductRow;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * What a verified webhook does to our copy, by topic. Full payloads (products, customers) are written through
 * the sync's own page writers, so the monotonic {@code updated_at} guard keeps an older delivery from
 * overwriting newer data; an order payload writes the order's own row the same way and queues its children;
 * deletions soft-delete as of the delivery; partial payloads (collections lack their members, inventory levels
 * all but one quantity, refunds and fulfillments are parts of an order) queue the object for a
 * {@code nodes(ids:)} re-read by a refresh slice.
 */
@ApplicationScoped
public class WebhookProcessor {

    /** What one delivery changed, for the response log and tests. */
    public record Outcome(String action, String resource, List<Long> ids) {

        static Outcome ignored() {
            return new Outcome("ignored", null, List.of());
        }
    }

    private final Map<String, ResourceSyncer<?>> syncers;
    private final ProductPageWriter products;
    private final CustomerPageWriter customers;
    private final OrderPageWriter orders;
    private final RefreshQueue refresh;
    private final PrivacyRequests privacy;
    private final ShopRegistry registry;
    private final RedisDataSource redis;
    private final RedisKeys keys;

    public WebhookProcessor(Instance<ResourceSyncer<?>> syncers, ProductPageWriter products,
            CustomerPageWriter customers, OrderPageWriter orders, RefreshQueue refresh, PrivacyRequests privacy, ShopRegistry registry,
            RedisDataSource redis, RedisKeys keys) {
        this.syncers = syncers.stream().collect(Collectors.toMap(ResourceSyncer::resource, Function.identity()));
        this.products = products;
        this.customers = customers;
        this.orders = orders;
        this.refresh = refresh;
        this.privacy = privacy;
        this.registry = registry;
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * @param at      when Shopify says the event happened ({@code X-Shopify-Triggered-At}), for deletions
     * @param rawBody the verified body as text, stored as the row's {@code raw} for full payloads
     * @throws IllegalArgumentException when a payload lacks what its topic needs (answered 400)
     */
    public Outcome process(String shop, long shopId, String topic, JsonNode payload, String rawBody, Instant at) {
        return switch (topic) {
            case "products/create", "products/update" -> upsertProduct(shop, shopId, payload, rawBody);
            case "customers/create", "customers/update", "customers/enable", "customers/disable" ->
                upsertCustomer(shop, shopId, payload, rawBody);
            case "products/delete" -> delete(shopId, "products", RestPayloads.id(payload), at);
            case "customers/delete" -> delete(shopId, "customers", RestPayloads.id(payload), at);
            case "collections/delete" -> delete(shopId, "collections", RestPayloads.id(payload), at);
            case "orders/delete" -> delete(shopId, "orders", RestPayloads.id(payload), at);
            case "inventory_items/delete" -> delete(shopId, "inventory", RestPayloads.id(payload), at);
            case "orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled",
                    "orders/partially_fulfilled" -> upsertOrder(shop, shopId, payload, rawBody);
            case "orders/edited" -> queue(shop, "orders",
                    RestPayloads.exactLong(payload.path("order_edit").path("order_id"), "order_edit.order_id"));
            case "refunds/create", "fulfillments/create", "fulfillments/update" ->
                queue(shop, "orders", RestPayloads.exactLong(payload.path("order_id"), "order_id"));
            case "collections/create", "collections/update" -> queue(shop, "collections", RestPayloads.id(payload));
            case "inventory_items/create", "inventory_items/update" ->
                queue(shop, "inventory", RestPayloads.id(payload));
            case "inventory_levels/update", "inventory_levels/connect", "inventory_levels/disconnect" ->
                queue(shop, "inventory", RestPayloads.exactLong(payload.path("inventory_item_id"),
                        "inventory_item_id"));
            case "variants/in_stock", "variants/out_of_stock" ->
                queue(shop, "products", RestPayloads.exactLong(payload.path("product_id"), "product_id"));
            case "app/uninstalled" -> {
                registry.deactivate(shopId);
                yield new Outcome("deactivated", null, List.of(shopId));
            }
            case "shop/redact" -> {
                privacy.eraseShop(shopId);
                yield new Outcome("erased", null, List.of(shopId));
            }
            case "customers/redact" -> {
                long customer = RestPayloads.exactLong(payload.path("customer").path("id"), "customer.id");
                privacy.redactCustomer(shopId, customer, longs(payload.path("orders_to_redact")));
                yield new Outcome("redacted", "customers", List.of(customer));
            }
            case "customers/data_request" -> {
                long customer = RestPayloads.exactLong(payload.path("customer").path("id"), "customer.id");
                JsonNode request = payload.path("data_request").path("id");
                privacy.recordDataRequest(shopId, request.isIntegralNumber() ? request.longValue() : null, customer,
                        longs(payload.path("orders_requested")));
                yield new Outcome("recorded", "customers", List.of(customer));
            }
            case "bulk_operations/finish" -> {
                String operation = RestPayloads.text(payload.path("admin_graphql_api_id"));
                if (operation == null) {
                    throw new IllegalArgumentException("payload field 'admin_graphql_api_id' is missing");
                }
                redis.list(String.class).rpush(keys.finishedBulkOperations(shop), operation);
                yield new Outcome("handed-over", "bulk", List.of(Gid.numericId(operation)));
            }
            default -> Outcome.ignored();
        };
    }

    private Outcome upsertProduct(String shop, long shopId, JsonNode payload, String raw) {
        Optional<ProductRow> row = ProductPayload.row(payload, raw);
        if (row.isEmpty()) {
            return queue(shop, "products", RestPayloads.id(payload));
        }
        int written = products.write(shopId, List.of(row.get()));
        return new Outcome(written == 1 ? "upserted" : "older-ignored", "products", List.of(row.get().id()));
    }

    private Outcome upsertCustomer(String shop, long shopId, JsonNode payload, String raw) {
        Optional<CustomerRow> row = CustomerPayload.row(payload, raw);
        if (row.isEmpty()) {
            return queue(shop, "customers", RestPayloads.id(payload));
        }
        int written = customers.write(shopId, List.of(row.get()));
        return new Outcome(written == 1 ? "upserted" : "older-ignored", "customers", List.of(row.get().id()));
    }

    /** The order's own row now; its children through a refresh (see {@link OrderPayload}). */
    private Outcome upsertOrder(String shop, long shopId, JsonNode payload, String raw) {
        Optional<OrderRow> row = OrderPayload.row(payload, raw);
        if (row.isEmpty()) {
            return queue(shop, "orders", RestPayloads.id(payload));
        }
        if (orders.write(shopId, List.of(row.get())) == 0) {
            return new Outcome("older-ignored", "orders", List.of(row.get().id()));
        }
        refresh.enqueue(shop, "orders", List.of(row.get().id()));
        return new Outcome("upserted-and-queued", "orders", List.of(row.get().id()));
    }

    private Outcome delete(long shopId, String resource, long id, Instant at) {
        int deleted = syncers.get(resource).softDeleteDestroyed(shopId, Map.of(id, at));
        return new Outcome(deleted > 0 ? "deleted" : "already-absent", resource, List.of(id));
    }

    private Outcome queue(String shop, String resource, long id) {
        refresh.enqueue(shop, resource, List.of(id));
        return new Outcome("queued", resource, List.of(id));
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(id -> ids.add(RestPayloads.exactLong(id, "ids")));
        return ids;
    }
}
