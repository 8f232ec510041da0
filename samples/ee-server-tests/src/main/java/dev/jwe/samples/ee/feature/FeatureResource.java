package dev.jwe.samples.ee.feature;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Behind JweFeature. */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class FeatureResource {

    @GET
    @Path("orders")
    @RolesAllowed("user")
    public String orders(@Context SecurityContext security) {
        return "orders for " + security.getUserPrincipal().getName();
    }

    @GET
    @Path("ping")
    @PermitAll
    public String ping() {
        return "pong";
    }
}
