package dev.jwe.spring;

import dev.jwe.core.TokenMetadata;
import dev.jwe.core.VerifiedToken;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The Spring {@link Jwt} of a token that {@link JweJwtDecoder} verified: the token value is the
 * compact JWE as sent; the headers are those of the inner JWS that we can vouch for ({@code alg},
 * and {@code kid} when present; {@code alg: none} for unsigned claims, which are accepted only under
 * symmetric key management when {@code jwe.signature.required=false}); the claims are the verified
 * claims with Spring's usual types ({@code exp}, {@code iat}, {@code nbf} as {@link Instant},
 * {@code aud} as a list). {@link #verifiedToken()} gives the core {@link VerifiedToken} (roles,
 * scopes, key metadata).
 *
 * <p>Immutable. Java serialization keeps the {@link Jwt} but not the {@link VerifiedToken}.
 */
public final class JweJwt extends Jwt {
    private static final long serialVersionUID = 1L;

    private final transient VerifiedToken verifiedToken;

    JweJwt(String tokenValue, VerifiedToken verifiedToken, Map<String, Object> claims) {
        super(tokenValue, issuedAt(verifiedToken), verifiedToken.expiresAt(), headers(verifiedToken.metadata()),
                claims);
        this.verifiedToken = verifiedToken;
    }

    /**
     * The token as core verified it.
     *
     * @return the verified token; empty only after Java deserialization
     */
    public Optional<VerifiedToken> verifiedToken() {
        return Optional.ofNullable(verifiedToken);
    }

    /** Spring's token requires {@code exp} after {@code iat}; core accepts them equal (within skew). */
    private static Instant issuedAt(VerifiedToken token) {
        Instant iat = token.issuedAt().orElse(null);
        return iat != null && token.expiresAt().isAfter(iat) ? iat : null;
    }

    private static Map<String, Object> headers(TokenMetadata metadata) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("alg", metadata.signatureAlgorithm() == null ? "none" : metadata.signatureAlgorithm());
        if (metadata.signingKeyId() != null) {
            headers.put("kid", metadata.signingKeyId());
        }
        return headers;
    }
}
