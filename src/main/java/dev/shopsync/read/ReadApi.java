package dev.shopsync.read;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.cache.Answer;
import dev.shopsync.cache.AnswerCache;
import dev.shopsync.cache.Tier;
import dev.shopsync.shop.ShopDirectory;
import dev.shopsync.shop.ShopRegistry;
import dev.shopsync.shop.UnknownShopException;

/**
 * The read API: one request (method, path, query parameters) in, one answer out. It parses the request, resolves the
 * shop domain to its id (only shops this deployment syncs) and has {@link Reads} answer the question; what the
 * caller got wrong comes back as an answer with its status and {@code {"error": ...}}.
 */
@ApplicationScoped
public class ReadApi {

    private final ShopDirectory shops;
    private final ShopRegistry registry;
    private final Reads reads;
    private final ObjectMapper json;

    public ReadApi(ShopDirectory shops, ShopRegistry registry, Reads reads, ObjectMapper json) {
        this.shops = shops;
        this.registry = registry;
        this.reads = reads;
        this.json = json;
    }

    /** An answer, and where it came from: empty for a request refused before any data was read. */
    public record Reply(Answer answer, Optional<Tier> tier) {
    }

    public Reply read(String method, String path, Map<String, String> query) {
        try {
            ReadRequest request = ReadRequest.parse(method, path, query);
            AnswerCache.Served served = reads.serve(request.question(shopId(request.shop())));
            return new Reply(served.answer(), Optional.of(served.tier()));
        } catch (BadReadRequest e) {
            return new Reply(error(e.status(), e.getMessage()), Optional.empty());
        }
    }

    private long shopId(String domain) {
        try {
            return registry.idOf(shops.require(domain));
        } catch (UnknownShopException e) {
            // not the exception's message: it lists every configured shop
            throw new BadReadRequest(404, "shop not found");
        }
    }

    private Answer error(int status, String message) {
        try {
            return new Answer(status, json.writeValueAsString(Map.of("error", message)), Set.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error message is always serialisable", e);
        }
    }
}
