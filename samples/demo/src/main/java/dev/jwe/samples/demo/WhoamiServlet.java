package dev.jwe.samples.demo;

import dev.jwe.core.JwePrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /servlet/whoami}: a plain servlet that knows nothing about tokens. The
 * {@code JweAuthenticationFilter} in front of it has already authenticated the request, so
 * {@code getUserPrincipal()} is a {@link JwePrincipal}. Thread-safe.
 */
final class WhoamiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() instanceof JwePrincipal principal) {
            JsonResponses.send(response, 200, "application/json",
                    JsonResponses.whoami(principal.token(), "JweAuthenticationFilter"));
        } else {
            // Only with jwe.anonymous=true: the filter let a request without a token through.
            JsonResponses.problem(response, 401, "Unauthorized", "no token was sent");
        }
    }
}
