package dev.shopsync.shopify;

/** A named, reviewable GraphQL operation as sent to Shopify. */
public record GraphQlDocument(String name, String text) {
}
