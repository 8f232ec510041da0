package dev.jwe.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Resources of the integration tests; each answers with what it sees of the caller. */
final class TestResources {
    private TestResources() {
    }

    /** What a resource sees: principal, scheme, roles, secure flag and the token's subject. */
    static String describe(SecurityContext security) {
        return JweSecurity.verifiedToken(security)
                .map(t -> "principal=" + security.getUserPrincipal().getName()
                        + " type=" + security.getUserPrincipal().getClass().getSimpleName()
                        + " scheme=" + security.getAuthenticationScheme()
                        + " user=" + security.isUserInRole("user")
                        + " admin=" + security.isUserInRole("admin")
                        + " secure=" + security.isSecure()
                        + " sub=" + t.subject().orElse("-"))
                .orElse("anonymous");
    }

    /** Unannotated and annotated methods. */
    @Path("api")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Api {
        @GET
        @Path("me")
        public String me(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("users")
        @RolesAllowed({"user", "admin"})
        public String users(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("admins")
        @RolesAllowed("admin")
        public String admins(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("orders")
        @RequireScope("orders:read")
        public String orders(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("orders/admin")
        @RequireScope({"orders:read", "orders:write"})
        public String ordersAdmin(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("public")
        @PermitAll
        public String open(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("closed")
        @DenyAll
        public String closed() {
            return "closed";
        }

        @Path("sub")
        public Sub sub() {
            return new Sub();
        }
    }

    /** Reached through a sub-resource locator. */
    @Produces(MediaType.TEXT_PLAIN)
    public static class Sub {
        @GET
        @RolesAllowed("admin")
        public String get(@Context SecurityContext security) {
            return describe(security);
        }
    }

    /** A class-level rule that one method replaces. */
    @Path("admin-area")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed("admin")
    public static class AdminArea {
        @GET
        public String get(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("open")
        @PermitAll
        public String open(@Context SecurityContext security) {
            return describe(security);
        }
    }

    /** Behind the (simulated) jwe Servlet filter. */
    @Path("servlet-filtered")
    @Produces(MediaType.TEXT_PLAIN)
    public static class ServletFiltered {
        @GET
        @Path("me")
        public String me(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("admins")
        @RolesAllowed("admin")
        public String admins(@Context SecurityContext security) {
            return describe(security);
        }
    }
}
