package dev.jwe.samples.jaxrswar;

import dev.jwe.core.VerifiedToken;
import dev.jwe.jaxrs.JweSecurity;
import dev.jwe.jaxrs.RequireScope;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Resources protected by {@code JweFeature}: every method needs a valid token unless it says
 * {@code @PermitAll}; the annotations add what else it needs. Stateless.
 */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    /**
     * @param security the request's security context
     * @return who the token says the caller is
     */
    @GET
    @Path("whoami")
    public String whoami(@Context SecurityContext security) {
        VerifiedToken token = JweSecurity.verifiedToken(security).orElseThrow();
        return "principal: " + security.getUserPrincipal().getName() + "\n"
                + "scheme: " + security.getAuthenticationScheme() + "\n"
                + "roles: " + String.join(" ", token.roles().stream().sorted().toList()) + "\n"
                + "scopes: " + String.join(" ", token.scopes().stream().sorted().toList()) + "\n";
    }

    /**
     * @param security the request's security context
     * @return the caller's orders (sample data)
     */
    @GET
    @Path("orders")
    @RequireScope("orders:read")
    public String orders(@Context SecurityContext security) {
        return "orders of " + security.getUserPrincipal().getName() + ": A-1001\n";
    }

    /**
     * @param security the request's security context
     * @return a greeting for administrators
     */
    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin(@Context SecurityContext security) {
        return "admin: " + security.getUserPrincipal().getName() + "\n";
    }

    /** @return {@code pong}, without a token */
    @GET
    @Path("ping")
    @PermitAll
    public String ping() {
        return "pong\n";
    }
}
