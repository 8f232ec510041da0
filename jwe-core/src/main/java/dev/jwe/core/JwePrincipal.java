package dev.jwe.core;

import java.security.Principal;
import java.util.Objects;

/**
 * The principal of a request authenticated with an encrypted access token, shared by the Servlet
 * and JAX-RS adapters. {@link #getName()} is the configured principal claim ({@code sub} by
 * default); {@link #token()} gives the claims, roles and scopes. Immutable.
 */
public final class JwePrincipal implements Principal {
    /**
     * Request attribute under which adapters store the {@link VerifiedToken}, so that later code
     * (a JAX-RS filter behind the Servlet filter, say) reuses it without decrypting again.
     */
    public static final String REQUEST_ATTRIBUTE = "dev.jwe.VerifiedToken";

    /**
     * Request attribute under which adapters store the {@link TokenValidator} that produced
     * {@link #REQUEST_ATTRIBUTE}: a later adapter reuses the token only when it was made by the
     * very same validator, so that a second adapter with another policy (another audience, say)
     * never inherits a token its own policy would refuse.
     */
    public static final String VALIDATOR_ATTRIBUTE = "dev.jwe.TokenValidator";

    private final VerifiedToken token;

    /**
     * @param token the verified token
     */
    public JwePrincipal(VerifiedToken token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public String getName() {
        return token.principalName();
    }

    /** The verified token behind this principal. */
    public VerifiedToken token() {
        return token;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwePrincipal p && p.token.equals(token);
    }

    @Override
    public int hashCode() {
        return token.hashCode();
    }

    @Override
    public String toString() {
        return "JwePrincipal[" + getName() + "]";
    }
}
