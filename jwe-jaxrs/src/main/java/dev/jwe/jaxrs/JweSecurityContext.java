package dev.jwe.jaxrs;

import dev.jwe.core.JwePrincipal;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The security context of a request authenticated by a verified token. Immutable. */
final class JweSecurityContext implements SecurityContext {
    private final JwePrincipal principal;
    private final boolean secure;

    JweSecurityContext(JwePrincipal principal, boolean secure) {
        this.principal = principal;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.token().hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return JweSecurity.AUTHENTICATION_SCHEME;
    }
}
