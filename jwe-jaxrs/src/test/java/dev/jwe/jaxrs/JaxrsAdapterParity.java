package dev.jwe.jaxrs;

import dev.jwe.core.TokenValidator;
import dev.jwe.core.http.AdapterParitySuite;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The JAX-RS feature held to the shared {@link AdapterParitySuite}: {@link JweFeature} with the
 * suite's validator, the settings as {@code Application} properties, on a {@link TestServer}.
 */
abstract class JaxrsAdapterParity extends AdapterParitySuite {

    /**
     * Installs the implementation's servlet for {@code app} on {@code /*}.
     *
     * @return what to close after the server stopped
     */
    abstract AutoCloseable install(ServletHost.Context context, Application app);

    /** The servlet container: Jetty ee10; the EE 11 leg overrides it. */
    ServletHost host() {
        return new JettyEe10Host();
    }

    @Override
    protected Server start(TokenValidator validator, Map<String, String> settings) throws Exception {
        TestServer server = TestServer.start(host(), this::install, new TestApplication(Set.of(ParityResource.class),
                Set.of(new JweFeature(validator)), Map.<String, Object>copyOf(settings)), context -> { });
        return new Server() {
            @Override
            public URI base() {
                return server.base();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @Override
    protected boolean supportsRequiredScopes() {
        return true;
    }

    /** The suite's resources: {@code /api/me} for any token, {@code /api/write} with a scope. */
    @Path("api")
    @Produces(MediaType.TEXT_PLAIN)
    public static class ParityResource {
        @GET
        @Path("me")
        public String me(@Context SecurityContext security) {
            return describe(security);
        }

        @POST
        @Path("me")
        public String post(@Context SecurityContext security) {
            return describe(security);
        }

        @GET
        @Path("write")
        @RequireScope(WRITE_SCOPE)
        public String write(@Context SecurityContext security) {
            return describe(security);
        }

        private static String describe(SecurityContext security) {
            return "principal=" + (security.getUserPrincipal() == null ? "-" : security.getUserPrincipal().getName());
        }
    }
}
