package dev.shopsync.shopify;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The Admin GraphQL endpoint of one shop. Built per shop by {@link ShopifyClients}; statuses are
 * returned, not thrown, because 429 and 5xx are flow control here, not failures. The answer is a {@link Uni} so each
 * call can be given its own time limit (the caller's deadline), which a client built once per shop cannot have.
 */
@Path("/admin/api/{version}/graphql.json")
public interface AdminGraphQlApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> post(@PathParam("version") String apiVersion,
            @HeaderParam("X-Shopify-Access-Token") String accessToken,
            String body);
}
