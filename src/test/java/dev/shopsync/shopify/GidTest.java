package dev.shopsync.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GidTest {

    @Test
    void idsAbove2To53AreExact() {
        // 2^53 + 1 is the first integer a double cannot hold
        assertEquals(9_007_199_254_740_993L, Gid.numericId("gid://shopify/Product/9007199254740993"));
        assertEquals(Long.MAX_VALUE, Gid.numericId("gid://shopify/ProductVariant/" + Long.MAX_VALUE));
    }

    @Test
    void queryParametersAreIgnoredAndGarbageIsRejected() {
        assertEquals(42L, Gid.numericId("gid://shopify/InventoryLevel/42?inventory_item_id=7"));
        assertThrows(IllegalArgumentException.class, () -> Gid.numericId("gid://shopify/Product/abc"));
        assertThrows(IllegalArgumentException.class, () -> Gid.numericId(null));
    }

    @Test
    void buildsGids() {
        assertEquals("gid://shopify/Product/9007199254740993", Gid.of("Product", 9_007_199_254_740_993L));
    }
}
