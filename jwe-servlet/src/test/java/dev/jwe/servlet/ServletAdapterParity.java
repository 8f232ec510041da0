package dev.jwe.servlet;

import dev.jwe.core.TokenValidator;
import dev.jwe.core.http.AdapterParitySuite;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Servlet filter held to the shared {@link AdapterParitySuite}: registered in code with the
 * suite's validator and settings in front of {@code /api/*}. The filter has no per-resource scopes,
 * so the suite skips those cases.
 */
abstract class ServletAdapterParity extends AdapterParitySuite {

    @TempDir
    static Path workDir;

    /** The container to run in. */
    abstract ServletContainer container();

    @Override
    protected Server start(TokenValidator validator, Map<String, String> settings) throws Exception {
        ServletContainerInitializer init = (classes, context) -> {
            context.addServlet("principal", new PrincipalServlet()).addMapping("/api/*");
            FilterRegistration.Dynamic jwe = context.addFilter("jwe", new JweAuthenticationFilter(validator));
            settings.forEach(jwe::setInitParameter);
            jwe.addMappingForUrlPatterns(null, false, "/api/*");
        };
        ServletContainer.Running running = container().start(new ServletContainer.Programmatic(init),
                Files.createTempDirectory(workDir, "server"));
        return new Server() {
            @Override
            public URI base() {
                return running.base();
            }

            @Override
            public void close() throws Exception {
                running.stop();
            }
        };
    }

    @Override
    protected boolean supportsRequiredScopes() {
        return false;
    }

    /** Answers {@code principal=<name>}, as the suite expects of {@code /api/me}. */
    private static final class PrincipalServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Principal principal = request.getUserPrincipal();
            response.setContentType("text/plain");
            response.getOutputStream().print("principal=" + (principal == null ? "-" : principal.getName()));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            doGet(request, response);
        }
    }
}
