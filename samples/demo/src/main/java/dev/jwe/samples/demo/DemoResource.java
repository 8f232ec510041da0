package dev.jwe.samples.demo;

import dev.jwe.core.VerifiedToken;
import dev.jwe.jaxrs.JweSecurity;
import dev.jwe.jaxrs.RequireScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The JAX-RS endpoints under {@code /api}, protected by {@code JweFeature}: every method needs a
 * valid token; {@code admin} also the role {@code admin}, {@code orders} also the scope
 * {@code orders:read}. Stateless.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    /**
     * @param security the request's security context
     * @return who the token says the caller is
     */
    @GET
    @Path("whoami")
    public String whoami(@Context SecurityContext security) {
        return JsonResponses.whoami(token(security), "JweFeature").toString();
    }

    /**
     * @param security the request's security context
     * @return a greeting for administrators
     */
    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin(@Context SecurityContext security) {
        return Json.createObjectBuilder().add("admin", token(security).principalName())
                .add("message", "you hold the admin role").build().toString();
    }

    /**
     * @param security the request's security context
     * @return sample orders
     */
    @GET
    @Path("orders")
    @RequireScope("orders:read")
    public String orders(@Context SecurityContext security) {
        JsonObject order = Json.createObjectBuilder().add("id", "A-1001").add("item", "coffee beans")
                .add("quantity", 2).build();
        return Json.createObjectBuilder().add("owner", token(security).principalName())
                .add("orders", Json.createArrayBuilder().add(order)).build().toString();
    }

    private static VerifiedToken token(SecurityContext security) {
        // Empty only with jwe.anonymous=true and no token.
        return JweSecurity.verifiedToken(security).orElseThrow(() -> new NotAuthorizedException("Bearer"));
    }
}
