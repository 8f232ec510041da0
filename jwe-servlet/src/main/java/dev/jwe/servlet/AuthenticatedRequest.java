package dev.jwe.servlet;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** A request whose bearer token has been verified: principal, roles and auth type come from it. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    /** The value of {@link #getAuthType()}. */
    static final String AUTH_TYPE = "Bearer";

    private final JwePrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, VerifiedToken token) {
        super(request);
        this.principal = new JwePrincipal(token);
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    /** The token's roles; {@code "**"} means "any authenticated user", as the Servlet spec says. */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && ("**".equals(role) || principal.token().hasRole(role));
    }
}
