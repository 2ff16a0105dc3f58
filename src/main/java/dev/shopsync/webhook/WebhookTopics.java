package dev.shopsync.webhook;

import static dev.shopsync.webhook.BodyShape.absent;
import static dev.shopsync.webhook.BodyShape.all;
import static dev.shopsync.webhook.BodyShape.arrays;
import static dev.shopsync.webhook.BodyShape.id;
import static dev.shopsync.webhook.BodyShape.present;
import static dev.shopsync.webhook.BodyShape.gidOf;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.shopsync.webhook.WebhookTopic.Action;

/**
 * The allow-list of webhook topics: each known topic with its action, resource and body shape. A topic header that
 * is not on it is answered 200 and ignored, and is counted as {@code other}, never as itself (the header is
 * unsigned, so it must not become a metric dimension of the sender's choosing).
 */
@ApplicationScoped
public class WebhookTopics {

    /** The metric dimension of every topic not on the list. */
    public static final String OTHER = "other";

    /** Marks of the compliance topics: no other topic's body carries them. */
    private static final String[] COMPLIANCE_MARKS = {"orders_to_redact", "orders_requested", "data_request",
        "customer"};
    /** Marks of shop-level bodies (shop objects, privacy requests): no resource body carries them. */
    private static final String[] SHOP_MARKS = {"shop_domain", "shop_id", "myshopify_domain", "orders_to_redact",
        "orders_requested", "data_request", "plan_name"};

    private final Map<String, WebhookTopic> topics = new LinkedHashMap<>();

    public WebhookTopics() {
        add(Action.UPSERT, "products", object("Product"), "products/create", "products/update");
        add(Action.UPSERT, "customers", object("Customer"), "customers/create", "customers/update",
                "customers/enable", "customers/disable");
        add(Action.UPSERT, "orders", object("Order"), "orders/create", "orders/updated", "orders/paid",
                "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled");
        add(Action.DELETE, "products", deletion("Product"), "products/delete");
        add(Action.DELETE, "customers", deletion("Customer"), "customers/delete");
        add(Action.DELETE, "collections", deletion("Collection"), "collections/delete");
        add(Action.DELETE, "orders", deletion("Order"), "orders/delete");
        add(Action.DELETE, "inventory", deletion("InventoryItem"), "inventory_items/delete");
        refresh("orders", "order_edit.order_id", all(present("order_edit.order_id"), absent(SHOP_MARKS)),
                "orders/edited");
        refresh("orders", "order_id", all(object("Refund"), present("order_id")), "refunds/create");
        refresh("orders", "order_id", all(object("Fulfillment"), present("order_id")), "fulfillments/create",
                "fulfillments/update");
        refresh("collections", null, object("Collection"), "collections/create", "collections/update");
        refresh("inventory", null, object("InventoryItem"), "inventory_items/create", "inventory_items/update");
        refresh("inventory", "inventory_item_id", all(present("inventory_item_id", "location_id"),
                gidOf("InventoryLevel"), absent(SHOP_MARKS)), "inventory_levels/update", "inventory_levels/connect",
                "inventory_levels/disconnect");
        refresh("products", "product_id", all(object("ProductVariant"), present("product_id")), "variants/in_stock",
                "variants/out_of_stock");
        BodyShape shop = all(id(), present("name", "plan_name"), absent(COMPLIANCE_MARKS), absent("shop_domain"));
        add(Action.UNINSTALL, null, shop, "app/uninstalled");
        add(Action.IGNORE, null, shop, "shop/update");
        add(Action.SHOP_REDACT, null, all(present("shop_id", "shop_domain"), absent(COMPLIANCE_MARKS),
                absent("id")), "shop/redact");
        add(Action.CUSTOMER_REDACT, "customers", all(present("shop_id", "shop_domain", "customer.id"),
                arrays("orders_to_redact"), absent("data_request", "orders_requested")), "customers/redact");
        add(Action.DATA_REQUEST, "customers", all(present("shop_id", "shop_domain", "customer.id",
                "data_request.id"), arrays("orders_requested"), absent("orders_to_redact")),
                "customers/data_request");
        add(Action.BULK_FINISHED, null, all(present("admin_graphql_api_id", "status"), gidOf("BulkOperation")),
                "bulk_operations/finish");
    }

    /**
     * A resource object, whole or trimmed by the subscription's {@code includeFields}: an id, a GID of its own type
     * when it carries one, and no mark of a shop or privacy body. Whether it is whole enough to be written at once is
     * the payload reader's call; what is not is re-read from Shopify.
     */
    private static BodyShape object(String type) {
        return all(id(), gidOf(type), absent(SHOP_MARKS));
    }

    /** A deletion names the object by id and carries none of its timestamps (every whole object has both). */
    private static BodyShape deletion(String type) {
        return all(object(type), absent("updated_at", "created_at"));
    }

    /** The known topic of a header, if it is one. */
    /** The resources whose rows some topic writes from its payload. */
    public Set<String> upsertedResources() {
        Set<String> resources = new TreeSet<>();
        topics.values().stream().filter(t -> t.action() == Action.UPSERT).forEach(t -> resources.add(t.resource()));
        return resources;
    }

    public Optional<WebhookTopic> find(String header) {
        return Optional.ofNullable(header == null ? null : topics.get(header));
    }

    /** The header as a metric dimension: itself when known, {@link #OTHER} otherwise. */
    public String dimension(String header) {
        return header != null && topics.containsKey(header) ? header : OTHER;
    }

    public Set<String> names() {
        return topics.keySet();
    }

    /**
     * Where a body names its shop ({@code shop_domain} on compliance topics, {@code myshopify_domain} on shop
     * bodies, {@code domain} when it is a myshopify domain rather than the shop's own), the name that differs from
     * the header's shop; empty when it agrees or names none.
     */
    public Optional<String> shopMismatch(JsonNode body, String headerShop) {
        for (String field : new String[] {"shop_domain", "myshopify_domain", "domain"}) {
            JsonNode named = body.path(field);
            if (!named.isTextual()) {
                continue;
            }
            String domain = named.asText().trim().toLowerCase(Locale.ROOT);
            if (field.equals("domain") && !domain.endsWith(".myshopify.com")) {
                continue; // a shop's own primary domain, not its myshopify domain
            }
            if (!domain.equals(headerShop)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private void add(Action action, String resource, BodyShape shape, String... names) {
        for (String name : names) {
            topics.put(name, new WebhookTopic(name, action, resource, shape, null));
        }
    }

    private void refresh(String resource, String idField, BodyShape shape, String... names) {
        for (String name : names) {
            topics.put(name, new WebhookTopic(name, Action.REFRESH, resource, shape, idField));
        }
    }
}
