package dev.jwe.samples.ee.mechanism;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** JAX-RS with the container's own @RolesAllowed (no web.xml constraint on /api). */
@Path("/")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class MechanismResource {
    @EJB
    private CallerBean ejb;
    @Context
    private SecurityContext security;
    @Context
    private HttpServletRequest request;

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin ejb=" + ejb.adminOnly();
    }

    @GET
    @Path("user/{id}")
    @RolesAllowed("user")
    public String user(@PathParam("id") String id) {
        return "user " + security.getUserPrincipal().getName() + " servlet=" + request.getUserPrincipal().getName();
    }

    @GET
    @Path("public")
    @PermitAll
    public String open() {
        Principal caller = security.getUserPrincipal();
        return "public " + (caller == null ? "anonymous" : caller.getName());
    }
}
