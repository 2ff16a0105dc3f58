package dev.shopsync.webhook;

/**
 * One webhook topic this deployment handles: what a delivery of it does, on which resource, and the body shape it
 * must have.
 *
 * @param resource the resource family it touches; null for shop-level topics
 * @param idField  for {@link Action#REFRESH}: the dotted path of the id to re-read (null: the object's own id)
 */
record WebhookTopic(String name, Action action, String resource, BodyShape shape, String idField) {

    /** Whether the topic is one of Shopify's mandatory privacy topics, honoured for uninstalled shops too. */
    boolean compliance() {
        return action == Action.SHOP_REDACT || action == Action.CUSTOMER_REDACT || action == Action.DATA_REQUEST;
    }

    enum Action {
        /** The payload is a whole object: written at once through the sync's page writer and monotonic guard. */
        UPSERT,
        /** The payload names an object to re-read from Shopify with {@code nodes(ids:)} (a refresh slice). */
        REFRESH,
        /** A deletion claim: queued like a refresh; Shopify answering {@code null} for the id confirms it. */
        DELETE,
        /** An uninstall claim: recorded, then confirmed by Shopify refusing the shop's token. */
        UNINSTALL,
        /** shop/redact: recorded, honoured for an uninstalled shop only, erased asynchronously in chunks. */
        SHOP_REDACT,
        CUSTOMER_REDACT,
        DATA_REQUEST,
        /** A bulk operation finished: the backfill polls it at once. */
        BULK_FINISHED,
        /** Verified and answered, nothing to do (e.g. shop/update). */
        IGNORE
    }
}
