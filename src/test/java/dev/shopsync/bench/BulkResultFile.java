package dev.shopsync.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a products bulk result as Shopify does, straight to disk (a million lines do not fit the benchmark's
 * heap as objects): product lines with the fields of ProductOwnFields, then their variants and media as lines of
 * their own with {@code __parentId}, per 250 products, so children are not adjacent to their parent; GIDs with
 * escaped slashes.
 */
final class BulkResultFile {

    private static final int ROOTS_PER_PAGE = 250;
    private static final long FIRST_PRODUCT = 8_000_000_000_000L;
    private static final long FIRST_VARIANT = 48_000_000_000_000L;
    private static final long FIRST_MEDIA = 38_000_000_000_000L;
    private static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

    private BulkResultFile() {
    }

    /** What was written. */
    record Written(Path file, long lines, long products, long variants, long media, long bytes) {
    }

    /** At least {@code minLines} lines (the last page is finished), deterministic for a seed. */
    static Written write(Path file, long minLines, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long lines = 0;
        long products = 0;
        long variants = 0;
        long media = 0;
        long variantId = FIRST_VARIANT;
        long mediaId = FIRST_MEDIA;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (lines < minLines) {
                List<String> children = new ArrayList<>();
                for (int i = 0; i < ROOTS_PER_PAGE && lines + children.size() < minLines; i++) {
                    long id = FIRST_PRODUCT + products * 7;
                    products++;
                    Instant updated = BASE.plusSeconds(products * 37);
                    out.write(product(id, updated, random));
                    out.write('\n');
                    lines++;
                    String parent = gid("Product", id);
                    int variantCount = 1 + random.nextInt(12);
                    for (int k = 0; k < variantCount; k++) {
                        children.add(variant(variantId++, k + 1, updated, random, parent));
                        variants++;
                    }
                    int mediaCount = random.nextInt(3);
                    for (int k = 0; k < mediaCount; k++) {
                        children.add(medium(mediaId++, parent));
                        media++;
                    }
                }
                for (String child : children) {
                    out.write(child);
                    out.write('\n');
                }
                lines += children.size();
            }
        }
        return new Written(file, lines, products, variants, media, Files.size(file));
    }

    private static String product(long id, Instant updated, SplittableRandom random) {
        String title = "Bench product " + id;
        return "{\"id\":\"" + gid("Product", id) + "\",\"legacyResourceId\":\"" + id + "\",\"title\":\"" + title
                + "\",\"handle\":\"bench-product-" + id + "\",\"status\":\"ACTIVE\",\"vendor\":\"Vendor "
                + random.nextInt(40) + "\",\"productType\":\"Type " + random.nextInt(12) + "\",\"tags\":[\"bench\","
                + "\"tag-" + random.nextInt(100) + "\"],\"descriptionHtml\":\"<p>" + title + ", made for the bulk "
                + "ingest benchmark.<\\/p>\",\"createdAt\":\"" + updated.minusSeconds(86_400) + "\",\"updatedAt\":\""
                + updated + "\",\"publishedAt\":\"" + updated.minusSeconds(86_400) + "\",\"totalInventory\":"
                + random.nextInt(500) + ",\"options\":[{\"id\":\"" + gid("ProductOption", id) + "\",\"name\":"
                + "\"Size\",\"position\":1,\"values\":[\"S\",\"M\",\"L\"]}]}";
    }

    private static String variant(long id, int position, Instant updated, SplittableRandom random, String parent) {
        return "{\"id\":\"" + gid("ProductVariant", id) + "\",\"legacyResourceId\":\"" + id + "\",\"title\":\"Size "
                + position + "\",\"sku\":\"SKU-" + id + "\",\"barcode\":\"" + (id % 10_000_000_000_000L)
                + "\",\"price\":\"" + (5 + random.nextInt(200)) + ".99\",\"compareAtPrice\":null,"
                + "\"inventoryQuantity\":" + random.nextInt(300) + ",\"position\":" + position + ",\"taxable\":true,"
                + "\"availableForSale\":true,\"createdAt\":\"" + updated.minusSeconds(86_400) + "\",\"updatedAt\":\""
                + updated + "\",\"selectedOptions\":[{\"name\":\"Size\",\"value\":\"Size " + position + "\"}],"
                + "\"__parentId\":\"" + parent + "\"}";
    }

    private static String medium(long id, String parent) {
        return "{\"id\":\"" + gid("MediaImage", id) + "\",\"alt\":\"Bench image " + id + "\",\"mediaContentType\":"
                + "\"IMAGE\",\"status\":\"READY\",\"preview\":{\"image\":{\"url\":\"https:\\/\\/cdn.shopify.com\\/s"
                + "\\/files\\/" + id + ".jpg\",\"width\":2048,\"height\":2048}},\"__parentId\":\"" + parent + "\"}";
    }

    private static String gid(String type, long id) {
        return "gid:\\/\\/shopify\\/" + type + "\\/" + id;
    }
}
