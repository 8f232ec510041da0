package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stage 7: the claims against the policy, in this order: {@code exp} required; {@code exp},
 * {@code nbf}, {@code iat} with the bounded clock skew; the maximum lifetime; {@code iss} exact;
 * {@code aud} names an expected audience; the {@code typ}; the required claims. NumericDates are
 * non-negative and at most 9999-12-31. Immutable and thread-safe.
 */
final class ClaimsCheck {
    /** 9999-12-31T23:59:59Z: NumericDates beyond it are refused as malformed. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    /**
     * Claims that passed, as typed values.
     *
     * @param audiences the {@code aud} as a list (empty when absent)
     * @param expiresAt the {@code exp}
     * @param issuedAt the {@code iat}, or {@code null}
     * @param notBefore the {@code nbf}, or {@code null}
     */
    record Result(List<String> audiences, Instant expiresAt, Instant issuedAt, Instant notBefore) {
    }

    private final Clock clock;
    private final long skew;
    private final Duration maxLifetime;
    private final Set<String> issuers;
    private final Set<String> audiences;
    private final String tokenType;
    private final List<String> requiredClaims;

    /**
     * @param policy the clock, skew, lifetime cap, issuers, audiences, {@code typ} and required claims
     */
    ClaimsCheck(ValidationPolicy policy) {
        this.clock = policy.clock();
        this.skew = policy.clockSkew().getSeconds();
        this.maxLifetime = policy.maxLifetime();
        this.issuers = policy.issuers();
        this.audiences = policy.audiences();
        this.tokenType = policy.tokenType();
        this.requiredClaims = policy.requiredClaims();
    }

    /**
     * @param claims the claims
     * @param innerTyp the nested JWS {@code typ}, or {@code null}
     * @param outer the JWE header: its {@code typ} counts only under symmetric key management
     * @return the typed time claims and audiences
     * @throws TokenRejectedException {@code MALFORMED_CLAIMS}, {@code MISSING_CLAIM}, {@code EXPIRED},
     *     {@code NOT_YET_VALID}, {@code ISSUED_IN_FUTURE}, {@code LIFETIME_TOO_LONG},
     *     {@code INVALID_ISSUER}, {@code INVALID_AUDIENCE}, {@code INVALID_TYPE}
     */
    Result check(TokenClaims claims, String innerTyp, JweHeader outer) throws TokenRejectedException {
        return check(claims, innerTyp, outer, issuers, audiences, tokenType);
    }

    /**
     * {@link #check(TokenClaims, String, JweHeader)} with the issuer, audiences and {@code typ} of
     * the issuer the token's {@code iss} selected.
     *
     * @param claims the claims
     * @param innerTyp the nested JWS {@code typ}, or {@code null}
     * @param outer the JWE header
     * @param issuer the selected issuer
     * @return the typed time claims and audiences
     * @throws TokenRejectedException as {@link #check(TokenClaims, String, JweHeader)}
     */
    Result check(TokenClaims claims, String innerTyp, JweHeader outer, IssuerTrust.Issuer issuer)
            throws TokenRejectedException {
        return check(claims, innerTyp, outer, issuer.issuers(), issuer.audiences(), issuer.tokenType());
    }

    private Result check(TokenClaims claims, String innerTyp, JweHeader outer, Set<String> issuers,
            Set<String> audiences, String tokenType) throws TokenRejectedException {
        List<String> aud = audiences(claims.all().get("aud"));
        Long exp = numericDate(claims.all().get("exp"));
        Long nbf = numericDate(claims.all().get("nbf"));
        Long iat = numericDate(claims.all().get("iat"));
        if (exp == null) {
            throw new TokenRejectedException(Reason.MISSING_CLAIM);
        }
        long now = clock.instant().getEpochSecond();
        if (now >= exp + skew) {
            throw new TokenRejectedException(Reason.EXPIRED);
        }
        if (nbf != null && now + skew < nbf) {
            throw new TokenRejectedException(Reason.NOT_YET_VALID);
        }
        if (iat != null && iat > now + skew) {
            throw new TokenRejectedException(Reason.ISSUED_IN_FUTURE);
        }
        if (maxLifetime != null && exp - (iat != null ? iat : now) > maxLifetime.getSeconds()) {
            throw new TokenRejectedException(Reason.LIFETIME_TOO_LONG);
        }
        if (issuers != null && (claims.issuer() == null || !issuers.contains(claims.issuer()))) {
            throw new TokenRejectedException(Reason.INVALID_ISSUER);
        }
        if (audiences != null && !containsAny(audiences, aud)) {
            throw new TokenRejectedException(Reason.INVALID_AUDIENCE);
        }
        if (tokenType != null) {
            checkType(innerTyp, outer, tokenType);
        }
        for (String required : requiredClaims) {
            if (claims.all().get(required) == null) {
                throw new TokenRejectedException(Reason.MISSING_CLAIM);
            }
        }
        return new Result(aud, Instant.ofEpochSecond(exp), iat == null ? null : Instant.ofEpochSecond(iat),
                nbf == null ? null : Instant.ofEpochSecond(nbf));
    }

    /**
     * The time claims again, for a token served from the verified-token cache.
     *
     * @param token a token that passed {@link #check} earlier
     * @throws TokenRejectedException {@code EXPIRED} or {@code NOT_YET_VALID}
     */
    void recheckTimes(VerifiedToken token) throws TokenRejectedException {
        long now = clock.instant().getEpochSecond();
        if (now >= token.expiresAtSecond() + skew) {
            throw new TokenRejectedException(Reason.EXPIRED);
        }
        long nbf = token.notBeforeSecond();
        if (nbf != TokenFacts.ABSENT && now + skew < nbf) {
            throw new TokenRejectedException(Reason.NOT_YET_VALID);
        }
    }

    private static void checkType(String innerTyp, JweHeader outer, String tokenType) throws TokenRejectedException {
        // The JWE header counts only under symmetric key management: with RSA-OAEP*/ECDH-ES*
        // anyone can re-wrap a signed JWT without typ under a header that claims one.
        String typ = innerTyp != null ? innerTyp
                : Algorithms.isPublicKeyManagement(outer.alg()) ? null
                : JoseHeader.string(outer.fields(), "typ", Reason.INVALID_TYPE);
        if (typ == null || !normalizeType(typ).equals(tokenType)) {
            throw new TokenRejectedException(Reason.INVALID_TYPE);
        }
    }

    /** A media type compared case-insensitively, with or without {@code application/}. */
    static String normalizeType(String typ) {
        String t = typ.toLowerCase(Locale.ROOT);
        return t.startsWith("application/") ? t.substring("application/".length()) : t;
    }

    private static boolean containsAny(Set<String> expected, List<String> actual) {
        for (String a : actual) {
            if (expected.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> audiences(Object aud) throws TokenRejectedException {
        if (aud == null) {
            return List.of();
        }
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
                }
                out.add(s);
            }
            return out;
        }
        throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
    }

    private static Long numericDate(Object value) throws TokenRejectedException {
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            if (l < 0 || l > MAX_NUMERIC_DATE) {
                throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
            }
            return l;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d) || d < 0 || d > MAX_NUMERIC_DATE) {
                throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
            }
            return (long) Math.floor(d);
        }
        throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
    }
}
