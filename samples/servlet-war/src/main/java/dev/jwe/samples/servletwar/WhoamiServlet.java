package dev.jwe.samples.servletwar;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * A servlet that knows nothing about tokens: {@code JweAuthenticationFilter} (declared in
 * {@code web.xml}) has authenticated the request, so it reads the standard Servlet API,
 * {@code getUserPrincipal()} and {@code isUserInRole()}. On an excluded path
 * ({@code jwe.exclude-paths}) there is no principal. Thread-safe.
 */
public class WhoamiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print("principal: " + (principal == null ? "(none)" : principal.getName()) + "\n"
                + "auth-type: " + request.getAuthType() + "\n"
                + "admin: " + request.isUserInRole("admin") + "\n");
    }
}
