package dev.jwe.jaxrs;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.VerifiedToken;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Portable access to the verified token from a resource, on any Jakarta REST implementation:
 * <pre>{@code
 * @GET
 * public String me(@Context SecurityContext security) {
 *     VerifiedToken token = JweSecurity.verifiedToken(security).orElseThrow();
 *     return token.principalName();
 * }
 * }</pre>
 * Stateless and thread-safe.
 */
public final class JweSecurity {
    /** The authentication scheme reported by {@link SecurityContext#getAuthenticationScheme()}. */
    public static final String AUTHENTICATION_SCHEME = "Bearer";

    private JweSecurity() {
    }

    /**
     * The token behind the request's principal.
     *
     * @param securityContext the request's security context (may be {@code null})
     * @return the verified token, or empty when the request was not authenticated by this library
     *         (a {@code @PermitAll} resource called without a token, or anonymous access)
     */
    public static Optional<VerifiedToken> verifiedToken(SecurityContext securityContext) {
        if (securityContext != null && securityContext.getUserPrincipal() instanceof JwePrincipal p) {
            return Optional.of(p.token());
        }
        return Optional.empty();
    }
}
