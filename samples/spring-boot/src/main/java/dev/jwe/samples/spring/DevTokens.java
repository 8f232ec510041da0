package dev.jwe.samples.spring;

import dev.jwe.core.TokenIssuer;
import java.time.Duration;
import java.util.List;

/**
 * Mints nested tokens (signed, then encrypted) with the development keys, for the issuer and
 * audience the sample accepts. Exists only when {@link DevelopmentKeys} made the keys. Immutable.
 *
 * @param issuer the minter
 * @param iss the {@code iss} claim
 * @param aud the {@code aud} claim
 */
record DevTokens(TokenIssuer issuer, String iss, String aud) {

    /** Longest lifetime a development token may ask for. */
    static final Duration MAX_TTL = Duration.ofHours(1);

    /**
     * @param subject the {@code sub} claim
     * @param roles the roles (claim {@code groups})
     * @param scopes the scopes (claim {@code scope})
     * @param ttl the lifetime, at most {@link #MAX_TTL}
     * @return the compact JWE
     */
    String mint(String subject, List<String> roles, List<String> scopes, Duration ttl) {
        return issuer.issue(TokenIssuer.claims().issuer(iss).audience(aud).subject(subject).expiresIn(ttl)
                .roles(roles).scopes(scopes).build());
    }
}
