package dev.jwe.servlet;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.VerifiedToken;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/** Shows what the application sees of the caller, one {@code key=value} per line. */
public class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        Object attribute = request.getAttribute(JwePrincipal.REQUEST_ATTRIBUTE);
        StringBuilder out = new StringBuilder();
        line(out, "principal", principal == null ? "-" : principal.getName());
        line(out, "remoteUser", request.getRemoteUser());
        line(out, "authType", request.getAuthType());
        line(out, "role.user", request.isUserInRole("user"));
        line(out, "role.admin", request.isUserInRole("admin"));
        if (principal instanceof JwePrincipal p) {
            line(out, "tenant", p.token().claim("tenant", String.class).orElse("-"));
            line(out, "scopes", String.join(" ", p.token().scopes()));
            line(out, "attribute", attribute == p.token() ? "same" : "different");
        } else {
            line(out, "attribute", attribute instanceof VerifiedToken ? "present" : "absent");
        }
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(out.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append('=').append(value == null ? "-" : value).append('\n');
    }
}
