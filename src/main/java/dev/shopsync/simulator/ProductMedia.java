package dev.shopsync.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A product's images, derived from the product itself so the catalog's random streams stay as they are: 0 to 3
 * images, and 25 on the products with more than 250 variants, so {@code media} must be paged there too.
 */
public final class ProductMedia {

    private static final long FIRST_MEDIA_ID = 9_700_000_000_000_000L;
    private static final int MEDIA_PER_PRODUCT_RANGE = 32;
    static final int LARGE_PRODUCT_IMAGES = 25;

    private ProductMedia() {
    }

    /** One {@code MediaImage}. */
    public record Image(long id, String alt, String url) {

        public String gid() {
            return "gid://shopify/MediaImage/" + id;
        }
    }

    public static List<Image> of(ProductTruth p) {
        int count = p.variants().size() > 250 ? LARGE_PRODUCT_IMAGES : (int) Math.floorMod(p.id(), 4L);
        long base = FIRST_MEDIA_ID + (p.id() - CatalogGenerator.FIRST_PRODUCT_ID) * MEDIA_PER_PRODUCT_RANGE;
        List<Image> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(new Image(base + i, p.title() + " (" + (i + 1) + ")",
                    "https://cdn.shopify.com/s/files/1/0000/0001/files/" + p.handle() + "-" + (i + 1) + ".jpg"));
        }
        return images;
    }
}
