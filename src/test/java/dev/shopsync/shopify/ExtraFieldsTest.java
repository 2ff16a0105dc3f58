package dev.shopsync.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shopsync.simulator.AdminSchema;

/**
 * Extra fields from configuration are parsed as a selection of fields and inserted as printed from the parse: a valid
 * one lands in the node's selection (and the document stays valid against Shopify's schema), anything that could
 * reach beyond the node is refused with the key's name.
 */
class ExtraFieldsTest {

    @Test
    void aSelectionOfFieldsIsInsertedNormalised() {
        GraphQlDocuments documents = new GraphQlDocuments(() -> Map.of("products", "onlineStoreUrl  # the shop page\n"
                + "seo { title, description }\n metafield(namespace: \"custom\", key: \"a\\\"b\") { value }"));

        String text = documents.get("ProductsPage").text();

        assertTrue(text.contains("onlineStoreUrl seo { title description } metafield(namespace: \"custom\", "
                + "key: \"a\\\"b\") { value }"), text);
        assertTrue(!text.contains("the shop page"), "comments are not carried over");
        assertEquals(List.of(), AdminSchema.validate(text));
    }

    @Test
    void anythingButFieldsIsRefusedNamingTheKey() {
        Map<String, String> hostile = Map.of(
                "onlineStoreUrl } } mutation { productDelete(input: {id: \"gid://shopify/Product/1\"}) { "
                        + "deletedProductId } }", "'}' closes a selection that extra fields did not open",
                "onlineStoreUrl # }\n } query Other { shop { name } }", "'}' closes a selection",
                "... on Product { title }", "fragments are not allowed",
                "...ProductOwnFields", "fragments are not allowed",
                "title @include(if: true)", "directives are not allowed",
                "id: title", "aliases are not allowed",
                "metafield(namespace: $ns, key: \"k\") { value }", "variables are not allowed",
                "seo { title", "expected '}' but found end",
                "# nothing but a comment", "an empty selection",
                "seo { }", "an empty selection of 'seo'");
        hostile.forEach((value, reason) -> {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new GraphQlDocuments(() -> Map.of("products", value)), value);
            assertTrue(refused.getMessage().startsWith("shopsync.extra-fields.products: not a plain selection of "
                    + "fields ("), refused.getMessage());
            assertTrue(refused.getMessage().contains(reason), value + " -> " + refused.getMessage());
        });
    }
}
