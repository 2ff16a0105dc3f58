package dev.shopsync.shopify;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * Extra GraphQL selections per resource, for fields the typed columns do not cover; they land in the row's
 * {@code raw jsonb} without code changes: {@code shopsync.extra-fields.products=onlineStoreUrl seo { title }}.
 * Shopify validates them on the first page: a field that does not exist fails the slice with Shopify's message.
 */
@ConfigMapping(prefix = "shopsync.extra-fields")
public interface ExtraFieldsConfig {

    @WithParentName
    Map<String, String> selections();
}
