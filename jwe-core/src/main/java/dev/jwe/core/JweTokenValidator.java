package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.ContentCipher;
import dev.jwe.core.internal.JoseCrypto;
import dev.jwe.core.internal.Json;
import dev.jwe.core.internal.TokenDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator for encrypted JWT access tokens: a signed JWT (JWS) nested in a JWE (RFC 7519
 * §5.2, §11.2), checked in this order, cheap checks first:
 * <ol>
 *   <li>length cap (default 16 KiB);</li>
 *   <li>strict compact form: five strict base64url segments, header size and depth caps;</li>
 *   <li>header policy: {@code alg} and {@code enc} in the allow-lists; no {@code zip},
 *       {@code crit}, {@code jku}, {@code x5u}, {@code jwk}, {@code x5c}, {@code b64}; {@code cty}
 *       says JWT;
 *       IV and tag of the exact length for {@code enc};</li>
 *   <li>key by {@code kid} (unknown kid is rejected); without {@code kid}, at most three keys
 *       whose type and size fit {@code alg};</li>
 *   <li>decryption;</li>
 *   <li>exactly one JWS inside the JWE, its {@code alg} in the allow-list, verified with a key found
 *       by its own {@code kid}; an unsigned payload is never accepted under public-key key
 *       management (RSA-OAEP*, ECDH-ES*), and under symmetric key management only after
 *       {@link Builder#allowUnsignedWithSymmetricKeyManagement()};</li>
 *   <li>claims: {@code exp} required, {@code nbf}, {@code iat} not in the future, maximum
 *       lifetime, {@code iss}, {@code aud}, {@code typ}, required claims, with bounded clock skew;</li>
 *   <li>the {@link RevocationStore}, also on verified-token cache hits: not revoked
 *       ({@link Reason#REVOKED}), and for one-time tokens not used before ({@link Reason#REPLAYED}).</li>
 * </ol>
 * RSA1_5, PBES2-*, {@code none} and {@code zip} are refused, with no option to allow them.
 *
 * <p>Build one with {@link #builder()} at start-up and share it: instances are immutable and
 * thread-safe. Each call emits exactly one {@link AuditEvent}.
 */
public final class JweTokenValidator implements SingleUseTokenValidator, AuditTrail.Source {
    private static final Logger LOG = LoggerFactory.getLogger(JweTokenValidator.class);

    /** Decoded protected header cap: real headers (even with an ECDH {@code epk}) are far smaller. */
    static final int MAX_HEADER_BYTES = 2048;
    private static final int MAX_HEADER_DEPTH = 2;
    private static final int MAX_CLAIMS_DEPTH = 16;
    private static final int MAX_KEY_CANDIDATES = 3;
    private static final int MAX_KID_LENGTH = 256;
    /** 9999-12-31T23:59:59Z: NumericDates beyond it are refused as malformed. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;
    /**
     * {@code b64} (RFC 7797) must be listed in {@code crit}, which is refused; jose4j honours
     * {@code "b64": false} even without it, and would then verify a signature over other bytes
     * than the payload we decode.
     */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("zip", "crit", "jku", "x5u", "jwk", "x5c", "b64");

    private final Policy policy;

    private JweTokenValidator(Policy policy) {
        this.policy = policy;
    }

    /**
     * The one entry point.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The effective policy, for start-up logs; contains no secret. */
    public String describePolicy() {
        return policy.describe();
    }

    /**
     * The state of every key location (decryption, then verification), for health endpoints.
     *
     * @return one snapshot per location
     */
    public List<KeySourceHealth> keyHealth() {
        List<KeySourceHealth> out = new ArrayList<>(policy.decryptionKeys.health());
        if (policy.verificationKeys != null) {
            out.addAll(policy.verificationKeys.health());
        }
        return List.copyOf(out);
    }

    /**
     * The store this validator consults: the admin hook to revoke a token ({@code jti}) or a
     * subject, e.g. {@code validator.revocationStore().revoke(verifiedToken)}.
     *
     * @return the store
     */
    public RevocationStore revocationStore() {
        return policy.revocation.store;
    }

    /**
     * Tokens accepted without a store answer because the store failed and its mode is fail-open
     * ({@code jwe.revocation.fail-open}, {@code jwe.replay.fail-open}), since start-up; for
     * health checks and metrics.
     *
     * @return the count
     */
    public long failOpenCount() {
        return policy.revocation.failOpenPasses();
    }

    /** Number of cached verified tokens (0 with the cache off); for tests and health checks. */
    long cachedTokenCount() {
        return policy.cache == null ? 0 : policy.cache.acceptedSize();
    }

    @Override
    public String toString() {
        return "JweTokenValidator[" + policy.describe() + "]";
    }

    @Override
    public VerifiedToken validate(String token, RequestInfo request) throws TokenRejectedException {
        return validate(token, request, false);
    }

    @Override
    public VerifiedToken validateSingleUse(String token, RequestInfo request) throws TokenRejectedException {
        return validate(token, request, true);
    }

    private VerifiedToken validate(String token, RequestInfo request, boolean singleUse)
            throws TokenRejectedException {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime();
        Attempt attempt = new Attempt();
        try {
            VerifiedToken verified = check(token, attempt);
            policy.revocation.enforce(verified, singleUse);
            audit(token, attempt, null, request, start);
            return verified;
        } catch (TokenRejectedException e) {
            audit(token, attempt, e.reason(), request, start);
            throw e;
        } catch (ValidationUnavailableException e) {
            audit(token, attempt, Reason.UNAVAILABLE, request, start);
            throw e;
        } catch (RuntimeException e) {
            // A bug on a hostile input must still end as a client error, never as a 500 with a
            // library message: log the type only (the message may quote the token).
            LOG.debug("Unexpected {} while validating a token; rejected as malformed", e.getClass().getName());
            audit(token, attempt, Reason.MALFORMED, request, start);
            throw new TokenRejectedException(Reason.MALFORMED);
        }
    }

    /** Cheap checks, then the cache, then the full pipeline. */
    private VerifiedToken check(String token, Attempt a) throws TokenRejectedException {
        if (token == null || token.isEmpty()) {
            throw reject(Reason.MALFORMED);
        }
        if (token.length() > policy.maxTokenLength) {
            throw reject(Reason.TOKEN_TOO_LARGE);
        }
        if (!TokenDigest.isPrintableAscii(token)) {
            throw reject(Reason.MALFORMED);
        }
        VerifiedTokenCache cache = policy.cache;
        if (cache == null && policy.audit.isOff()) {
            // The digest keys the cache and correlates audit events; with neither, nobody reads it.
            return verify(token, a, null);
        }
        TokenDigest digest = TokenDigest.of(token);
        if (cache == null) {
            a.fingerprint = digest.fingerprint();
            return verify(token, a, a.fingerprint);
        }
        VerifiedTokenCache.Entry entry = cache.accepted(digest);
        if (entry != null && !keysStillInForce(entry)) {
            // The key that decrypted or verified it was rotated out or has expired: validate again.
            cache.invalidate(digest);
            entry = null;
        }
        if (entry != null) {
            VerifiedToken hit = entry.token();
            a.cached = true;
            a.fill(hit); // with the fingerprint stored at the miss: no need to format it again
            long now = policy.clock.instant().getEpochSecond();
            long skew = policy.clockSkew.getSeconds();
            if (now >= hit.expiresAt().getEpochSecond() + skew) {
                cache.invalidate(digest);
                throw reject(Reason.EXPIRED);
            }
            if (hit.notBefore().isPresent() && now + skew < hit.notBefore().get().getEpochSecond()) {
                throw reject(Reason.NOT_YET_VALID);
            }
            return hit;
        }
        a.fingerprint = digest.fingerprint();
        VerifiedTokenCache.Rejection known = cache.rejected(digest);
        if (known != null) {
            a.cached = true;
            a.kid = known.kid();
            a.alg = known.alg();
            a.enc = known.enc();
            throw reject(known.reason());
        }
        try {
            VerifiedToken verified = verify(token, a, a.fingerprint);
            cache.putAccepted(digest, new VerifiedTokenCache.Entry(verified.asCached(), a.decryptedWith, a.verifiedWith));
            return verified;
        } catch (TokenRejectedException e) {
            if (VerifiedTokenCache.remembers(e.reason())) {
                cache.putRejected(digest, new VerifiedTokenCache.Rejection(e.reason(), a.kid, a.alg, a.enc));
            }
            throw e;
        }
    }

    private boolean keysStillInForce(VerifiedTokenCache.Entry entry) {
        Instant now = policy.clock.instant();
        return inForce(policy.decryptionKeys, entry.decryptedWith(), now)
                && (entry.verifiedWith() == null || inForce(policy.verificationKeys, entry.verifiedWith(), now));
    }

    /** Whether this very key object is still in the source's current set and inside its validity window. */
    private static boolean inForce(KeySource source, KeyEntry used, Instant now) {
        if (used == null || !used.isUsableAt(now)) {
            return false;
        }
        KeySet keys = source.keys();
        for (KeyEntry k : used.kid().isPresent() ? keys.byKid(used.kid().get()) : keys.withoutKid()) {
            if (k == used) {
                return true;
            }
        }
        return false;
    }

    /**
     * The audit trail of this validator (its listener and clock): adapters record there the
     * attempts that never reach {@link #validate} (no token, a malformed header) or fail after it
     * (a missing role or scope).
     *
     * @return the trail
     */
    @Override
    public AuditTrail auditTrail() {
        return policy.audit;
    }

    private void audit(String token, Attempt a, Reason reason, RequestInfo request, long start) {
        if (policy.audit.isOff()) {
            return;
        }
        if (a.fingerprint == null && token != null) {
            a.fingerprint = TokenDigest.fingerprintOf(token);
        }
        policy.audit.deliver(new AuditEvent(policy.clock.instant(), reason == null, reason, a.kid, a.alg, a.enc, a.iss,
                a.sub, a.jti, a.fingerprint, request, Duration.ofNanos(System.nanoTime() - start), a.cached));
    }

    /** What the audit event may say about an attempt, filled in as the pipeline learns it. */
    private static final class Attempt {
        String kid;
        String alg;
        String enc;
        String iss;
        String sub;
        String jti;
        String fingerprint;
        boolean cached;
        /** The keys that did the work, remembered with a cache entry. */
        KeyEntry decryptedWith;
        KeyEntry verifiedWith;

        void fill(VerifiedToken token) {
            TokenMetadata m = token.metadata();
            kid = shorten(m.keyId());
            alg = m.keyManagementAlgorithm();
            enc = m.contentEncryptionAlgorithm();
            iss = shorten(token.issuer().orElse(null));
            sub = shorten(token.subject().orElse(null));
            jti = shorten(token.jwtId().orElse(null));
            fingerprint = m.fingerprint();
            cached = m.cached();
        }
    }

    private VerifiedToken verify(String token, Attempt a, String fingerprint) throws TokenRejectedException {
        Policy p = policy;
        Compact jwe = Compact.parse(token, 5);
        if (jwe == null || jwe.decodedLength(0) > MAX_HEADER_BYTES) {
            throw reject(Reason.MALFORMED);
        }
        Map<String, Object> header = parseHeader(jwe);
        String alg = string(header, "alg", Reason.MALFORMED);
        String enc = string(header, "enc", Reason.MALFORMED);
        String kid = keyId(header);
        a.alg = shorten(alg);
        a.enc = shorten(enc);
        a.kid = shorten(kid);
        if (alg == null || enc == null) {
            throw reject(Reason.MALFORMED);
        }
        if (Algorithms.isForbidden(alg) || !p.keyManagement.contains(alg) || !p.contentEncryption.contains(enc)) {
            throw reject(Reason.UNSUPPORTED_ALGORITHM);
        }
        checkForbiddenHeaders(header);
        String cty = string(header, "cty", Reason.UNSUPPORTED_HEADER);
        if (cty != null && !isJwtContentType(cty)) {
            throw reject(Reason.UNSUPPORTED_HEADER);
        }
        String epkCurve = checkShape(jwe, header, alg, enc);

        byte[] plaintext = decrypt(jwe, kid, alg, enc, epkCurve, a);
        String payload = Compact.utf8(plaintext);
        if (payload == null) {
            throw reject(Reason.MALFORMED_CLAIMS);
        }

        boolean unsignedAllowed = !p.signatureRequired && !Algorithms.isPublicKeyManagement(alg);
        String claimsJson;
        String sigAlg = null;
        String innerKid = null;
        String innerTyp = null;
        int segments = isJsonObjectText(payload) ? 1 : Compact.segmentCount(payload);
        if (segments == 5) {
            throw reject(Reason.INVALID_NESTING);
        }
        if (segments == 3) {
            Compact jws = Compact.parse(payload, 3);
            if (jws == null || jws.decodedLength(0) > MAX_HEADER_BYTES) {
                throw reject(Reason.MALFORMED);
            }
            Map<String, Object> jwsHeader = parseHeader(jws);
            sigAlg = string(jwsHeader, "alg", Reason.MALFORMED);
            innerKid = keyId(jwsHeader);
            innerTyp = string(jwsHeader, "typ", Reason.INVALID_TYPE);
            if (sigAlg == null) {
                throw reject(Reason.MALFORMED);
            }
            if (Algorithms.isForbidden(sigAlg) || !p.signature.contains(sigAlg)) {
                throw reject(Reason.UNSUPPORTED_ALGORITHM);
            }
            checkForbiddenHeaders(jwsHeader);
            String innerCty = string(jwsHeader, "cty", Reason.UNSUPPORTED_HEADER);
            if (innerCty != null && isJwtContentType(innerCty)) {
                throw reject(Reason.INVALID_NESTING);
            }
            if (jws.segmentLength(2) == 0) {
                throw reject(Reason.INVALID_SIGNATURE);
            }
            a.verifiedWith = verifySignature(payload, innerKid, sigAlg);
            claimsJson = Compact.utf8(jws.decode(1));
            if (claimsJson == null) {
                throw reject(Reason.MALFORMED_CLAIMS);
            }
            int innerSegments = isJsonObjectText(claimsJson) ? 1 : Compact.segmentCount(claimsJson);
            if (innerSegments == 3 || innerSegments == 5) {
                throw reject(Reason.INVALID_NESTING);
            }
        } else if (cty == null && unsignedAllowed) {
            claimsJson = payload;
        } else {
            throw reject(Reason.UNSIGNED);
        }

        Map<String, Object> claims;
        try {
            claims = Json.parseObjectStrict(claimsJson, MAX_CLAIMS_DEPTH);
        } catch (Json.BadJsonException e) {
            throw reject(Reason.MALFORMED_CLAIMS);
        }
        return checkClaims(claims, header, innerTyp, a, new TokenMetadata(kid, alg, enc, innerKid, sigAlg,
                fingerprint, false));
    }

    /**
     * The {@code kid}, at most {@value #MAX_KID_LENGTH} characters: an unknown one may be
     * remembered (a remote key set's negative cache), so its size is bounded before any lookup.
     */
    private static String keyId(Map<String, Object> header) throws TokenRejectedException {
        String kid = string(header, "kid", Reason.MALFORMED);
        if (kid != null && kid.length() > MAX_KID_LENGTH) {
            throw reject(Reason.MALFORMED);
        }
        return kid;
    }

    private static Map<String, Object> parseHeader(Compact compact) throws TokenRejectedException {
        String json = Compact.utf8(compact.decode(0));
        if (json == null) {
            throw reject(Reason.MALFORMED);
        }
        try {
            return Json.parseObjectStrict(json, MAX_HEADER_DEPTH);
        } catch (Json.BadJsonException e) {
            throw reject(Reason.MALFORMED);
        }
    }

    private static void checkForbiddenHeaders(Map<String, Object> header) throws TokenRejectedException {
        for (String name : FORBIDDEN_HEADERS) {
            if (header.containsKey(name)) {
                throw reject(Reason.UNSUPPORTED_HEADER);
            }
        }
    }

    /**
     * Whether a payload is JSON object text rather than a compact JOSE object. Dots alone cannot
     * tell: claims such as {@code "iss":"https://login.example.com"} contain them, while compact
     * serializations never contain a brace.
     */
    private static boolean isJsonObjectText(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }

    private static boolean isJwtContentType(String cty) {
        return cty.equalsIgnoreCase("JWT") || cty.equalsIgnoreCase("application/jwt");
    }

    /** Segment lengths fixed by the algorithms; returns the ECDH ephemeral key's curve. */
    private static String checkShape(Compact jwe, Map<String, Object> header, String alg, String enc)
            throws TokenRejectedException {
        boolean noEncryptedKey = alg.equals("dir") || alg.equals("ECDH-ES");
        if ((jwe.segmentLength(1) == 0) != noEncryptedKey
                || jwe.decodedLength(2) != Algorithms.ivBytes(enc)
                || jwe.segmentLength(3) == 0
                || jwe.decodedLength(4) != Algorithms.tagBytes(enc)) {
            throw reject(Reason.MALFORMED);
        }
        if (alg.endsWith("GCMKW")) {
            if (decodedLength(header.get("iv")) != 12 || decodedLength(header.get("tag")) != 16) {
                throw reject(Reason.MALFORMED);
            }
        }
        if (alg.startsWith("ECDH-ES")) {
            if (!(header.get("epk") instanceof Map<?, ?> epk) || !(epk.get("crv") instanceof String crv)) {
                throw reject(Reason.MALFORMED);
            }
            return crv;
        }
        return null;
    }

    private static int decodedLength(Object value) {
        if (!(value instanceof String s)) {
            return -1;
        }
        Compact c = Compact.parse(s, 1);
        return c == null ? -1 : c.decodedLength(0);
    }

    private byte[] decrypt(Compact jwe, String kid, String alg, String enc, String epkCurve, Attempt a)
            throws TokenRejectedException {
        List<KeyEntry> candidates = candidates(policy.decryptionKeys, "decryption", kid,
                k -> Algorithms.fitsDecryption(k, alg, enc, epkCurve));
        for (KeyEntry key : candidates) {
            // dir needs no key management: decrypt the already parsed segments directly rather
            // than have jose4j parse the whole token again.
            byte[] plaintext = alg.equals("dir") ? ContentCipher.decrypt(jwe, enc, key.key())
                    : JoseCrypto.decrypt(jwe.text(), alg, enc, key.key());
            if (plaintext != null) {
                a.decryptedWith = key;
                return plaintext;
            }
        }
        throw reject(Reason.DECRYPTION_FAILED);
    }

    private KeyEntry verifySignature(String jws, String kid, String alg) throws TokenRejectedException {
        if (policy.verificationKeys == null) {
            throw reject(Reason.UNKNOWN_KEY);
        }
        List<KeyEntry> candidates = candidates(policy.verificationKeys, "verification", kid,
                k -> Algorithms.fitsVerification(k, alg));
        for (KeyEntry key : candidates) {
            if (JoseCrypto.verify(jws, alg, Algorithms.verificationKey(key))) {
                return key;
            }
        }
        throw reject(Reason.INVALID_SIGNATURE);
    }

    /**
     * The keys to try: by {@code kid} when the token names one (asking the source once more
     * for an id it lacks, which a remote source may answer with a rate-limited refresh), else
     * every key; only keys that fit the algorithm and are inside their validity window; at most
     * {@value #MAX_KEY_CANDIDATES}. An empty key set is our failure (503), not the client's.
     */
    private List<KeyEntry> candidates(KeySource source, String what, String kid,
            java.util.function.Predicate<KeyEntry> fits) throws TokenRejectedException {
        KeySet keys = source.keys();
        if (keys.isEmpty()) {
            throw new KeySourceException("No " + what + " keys are available");
        }
        List<KeyEntry> named = kid == null ? keys.all() : keys.byKid(kid);
        if (kid != null && named.isEmpty()) {
            named = source.keysForUnknownKid(kid).byKid(kid);
        }
        Instant now = policy.clock.instant();
        List<KeyEntry> out = new ArrayList<>(2);
        for (KeyEntry k : named) {
            if (k.isUsableAt(now) && fits.test(k)) {
                out.add(k);
                if (out.size() == MAX_KEY_CANDIDATES) {
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw reject(Reason.UNKNOWN_KEY);
        }
        return out;
    }

    private VerifiedToken checkClaims(Map<String, Object> claims, Map<String, Object> jweHeader, String innerTyp,
            Attempt a, TokenMetadata metadata) throws TokenRejectedException {
        Policy p = policy;
        String iss = string(claims, "iss", Reason.MALFORMED_CLAIMS);
        String sub = string(claims, "sub", Reason.MALFORMED_CLAIMS);
        String jti = string(claims, "jti", Reason.MALFORMED_CLAIMS);
        a.iss = shorten(iss);
        a.sub = shorten(sub);
        a.jti = shorten(jti);
        List<String> aud = audiences(claims.get("aud"));
        Long exp = numericDate(claims.get("exp"));
        Long nbf = numericDate(claims.get("nbf"));
        Long iat = numericDate(claims.get("iat"));
        if (exp == null) {
            throw reject(Reason.MISSING_CLAIM);
        }
        long now = p.clock.instant().getEpochSecond();
        long skew = p.clockSkew.getSeconds();
        if (now >= exp + skew) {
            throw reject(Reason.EXPIRED);
        }
        if (nbf != null && now + skew < nbf) {
            throw reject(Reason.NOT_YET_VALID);
        }
        if (iat != null && iat > now + skew) {
            throw reject(Reason.ISSUED_IN_FUTURE);
        }
        if (p.maxLifetime != null && exp - (iat != null ? iat : now) > p.maxLifetime.getSeconds()) {
            throw reject(Reason.LIFETIME_TOO_LONG);
        }
        if (p.issuers != null && (iss == null || !p.issuers.contains(iss))) {
            throw reject(Reason.INVALID_ISSUER);
        }
        if (p.audiences != null && aud.stream().noneMatch(p.audiences::contains)) {
            throw reject(Reason.INVALID_AUDIENCE);
        }
        if (p.tokenType != null) {
            // The JWE header counts only under symmetric key management: with RSA-OAEP*/ECDH-ES*
            // anyone can re-wrap a signed JWT without typ under a header that claims one.
            String typ = innerTyp != null ? innerTyp
                    : Algorithms.isPublicKeyManagement(metadata.keyManagementAlgorithm()) ? null
                    : string(jweHeader, "typ", Reason.INVALID_TYPE);
            if (typ == null || !normalizeType(typ).equals(p.tokenType)) {
                throw reject(Reason.INVALID_TYPE);
            }
        }
        for (String required : p.requiredClaims) {
            if (claims.get(required) == null) {
                throw reject(Reason.MISSING_CLAIM);
            }
        }
        Object principalValue = claims.get(p.principalClaim);
        String principal = principalValue instanceof String s ? s : sub != null ? sub : "";
        Set<String> roles = strings(lookup(claims, p.rolesClaim), false);
        Set<String> scopes = strings(claims.get(p.scopeClaim), true);
        return new VerifiedToken(principal, sub, iss, aud, Instant.ofEpochSecond(exp),
                iat == null ? null : Instant.ofEpochSecond(iat), nbf == null ? null : Instant.ofEpochSecond(nbf), jti,
                scopes, roles, VerifiedToken.deepUnmodifiable(claims), metadata);
    }

    static String normalizeType(String typ) {
        String t = typ.toLowerCase(Locale.ROOT);
        return t.startsWith("application/") ? t.substring("application/".length()) : t;
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
                    throw reject(Reason.MALFORMED_CLAIMS);
                }
                out.add(s);
            }
            return out;
        }
        throw reject(Reason.MALFORMED_CLAIMS);
    }

    private static Long numericDate(Object value) throws TokenRejectedException {
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            if (l < 0 || l > MAX_NUMERIC_DATE) {
                throw reject(Reason.MALFORMED_CLAIMS);
            }
            return l;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d) || d < 0 || d > MAX_NUMERIC_DATE) {
                throw reject(Reason.MALFORMED_CLAIMS);
            }
            return (long) Math.floor(d);
        }
        throw reject(Reason.MALFORMED_CLAIMS);
    }

    /** A claim by name, or by dotted path into nested objects (e.g. {@code realm_access.roles}). */
    private static Object lookup(Map<String, Object> claims, String name) {
        Object direct = claims.get(name);
        if (direct != null || name.indexOf('.') < 0) {
            return direct;
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    private static Set<String> strings(Object value, boolean splitSpaces) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            if (splitSpaces) {
                for (int from = 0, n = s.length(); from < n; ) {
                    int space = s.indexOf(' ', from);
                    int end = space < 0 ? n : space;
                    if (end > from) {
                        out.add(s.substring(from, end));
                    }
                    from = end + 1;
                }
            } else if (!s.isEmpty()) {
                out.add(s);
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String string(Map<String, Object> map, String name, Reason ifWrongType)
            throws TokenRejectedException {
        Object value = map.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw reject(ifWrongType);
    }

    private static String shorten(String value) {
        return AuditTrail.shorten(value);
    }

    private static TokenRejectedException reject(Reason reason) {
        return new TokenRejectedException(reason);
    }

    /** The immutable, checked configuration. */
    static final class Policy {
        final KeySource decryptionKeys;
        final KeySource verificationKeys;
        final Set<String> keyManagement;
        final Set<String> contentEncryption;
        final Set<String> signature;
        final boolean signatureRequired;
        final Set<String> issuers;
        final Set<String> audiences;
        final Duration clockSkew;
        final int maxTokenLength;
        final Duration maxLifetime;
        final List<String> requiredClaims;
        final String tokenType;
        final String principalClaim;
        final String rolesClaim;
        final String scopeClaim;
        final Clock clock;
        final AuditTrail audit;
        final VerifiedTokenCache cache;
        final RevocationCheck revocation;

        Policy(Builder b, Set<String> keyManagement, Set<String> contentEncryption, Set<String> signature,
                RevocationStore store) {
            this.decryptionKeys = b.decryptionKeys;
            this.verificationKeys = b.verificationKeys;
            this.keyManagement = Set.copyOf(keyManagement);
            this.contentEncryption = Set.copyOf(contentEncryption);
            this.signature = Set.copyOf(signature);
            this.signatureRequired = b.signatureRequired;
            this.issuers = b.ignoreIssuer ? null : Set.copyOf(b.issuers);
            this.audiences = b.ignoreAudience ? null : Set.copyOf(b.audiences);
            this.clockSkew = b.clockSkew;
            this.maxTokenLength = b.maxTokenLength;
            this.maxLifetime = b.maxLifetime;
            this.requiredClaims = List.copyOf(b.requiredClaims);
            this.tokenType = b.tokenType == null ? null : normalizeType(b.tokenType);
            this.principalClaim = b.principalClaim;
            this.rolesClaim = b.rolesClaim;
            this.scopeClaim = b.scopeClaim;
            this.clock = b.clock;
            this.audit = AuditTrail.of(b.audit, b.clock);
            this.cache = b.cacheMaxEntries == 0 ? null
                    : new VerifiedTokenCache(b.cacheMaxEntries, b.cacheMaxTtl, b.cacheRejectTtl, b.clockSkew, b.clock);
            this.revocation = new RevocationCheck(store, b.revocationFailOpen, b.replayProtection, b.replayFailOpen,
                    b.clockSkew, b.clock);
        }

        String describe() {
            return "key-management=" + sorted(keyManagement) + ", content-encryption=" + sorted(contentEncryption)
                    + ", signature=" + sorted(signature)
                    + ", signature-required=" + (signatureRequired ? "always" : "only for RSA-OAEP*/ECDH-ES*")
                    + ", issuer=" + (issuers == null ? "IGNORED" : sorted(issuers))
                    + ", audience=" + (audiences == null ? "IGNORED" : sorted(audiences))
                    + ", clock-skew=" + clockSkew + ", max-token-length=" + maxTokenLength
                    + ", max-lifetime=" + (maxLifetime == null ? "none" : maxLifetime)
                    + ", required-claims=" + requiredClaims + ", token-type=" + (tokenType == null ? "any" : tokenType)
                    + ", principal-claim=" + principalClaim + ", roles-claim=" + rolesClaim
                    + ", scope-claim=" + scopeClaim
                    + ", cache=" + (cache == null ? "off" : "on")
                    + ", " + revocation.describe()
                    + ", decryption-keys=" + keyIds(decryptionKeys)
                    + ", verification-keys=" + (verificationKeys == null ? "[]" : keyIds(verificationKeys));
        }

        private static List<String> keyIds(KeySource source) {
            List<String> ids = new ArrayList<>();
            for (KeySourceHealth h : source.health()) {
                ids.addAll(h.keyIds().isEmpty() && !h.usable() ? List.of("(none yet from " + h.location() + ")")
                        : h.keyIds());
            }
            return ids;
        }

        private static List<String> sorted(Set<String> set) {
            return set.stream().sorted().toList();
        }
    }

    /**
     * Builds a {@link JweTokenValidator}. Setters reject {@code null} at once; {@link #build()}
     * checks every option and combination and fails with a {@link ConfigurationException} naming
     * the setting. Not thread-safe; use once.
     */
    public static final class Builder {
        private KeySource decryptionKeys;
        private KeySource verificationKeys;
        private List<String> keyManagementAlgorithms;
        private List<String> contentEncryptionAlgorithms;
        private List<String> signatureAlgorithms;
        private boolean signatureRequired = true;
        private List<String> issuers;
        private boolean ignoreIssuer;
        private List<String> audiences;
        private boolean ignoreAudience;
        private Duration clockSkew = Duration.ofSeconds(30);
        private int maxTokenLength = 16 * 1024;
        private Duration maxLifetime;
        private List<String> requiredClaims = List.of();
        private String tokenType;
        private String principalClaim = "sub";
        private String rolesClaim = "groups";
        private String scopeClaim = "scope";
        private Clock clock = Clock.systemUTC();
        private AuditListener audit = AuditListener.slf4j();
        private int cacheMaxEntries = 10_000;
        private Duration cacheMaxTtl = Duration.ofMinutes(5);
        private Duration cacheRejectTtl = Duration.ofSeconds(30);
        private RevocationStore revocationStore;
        private java.util.function.Function<Clock, RevocationStore> revocationStoreFactory;
        private boolean revocationFailOpen = true;
        private boolean replayProtection;
        private boolean replayFailOpen;

        private Builder() {
        }

        /**
         * The deny-list and one-time-use register consulted on every validation, also on cache
         * hits. Default: an {@link InMemoryRevocationStore} on this builder's clock, which serves
         * one process only; replicas need a shared store (module {@code jwe-jcache}). The caller
         * keeps ownership (closing it is the caller's job).
         *
         * @param store the store
         * @return this
         */
        public Builder revocationStore(RevocationStore store) {
            this.revocationStore = Objects.requireNonNull(store, "revocationStore");
            this.revocationStoreFactory = null;
            return this;
        }

        /** For {@link JweSettings}: the store is made in {@link #build()}, on the final clock. */
        Builder revocationStore(java.util.function.Function<Clock, RevocationStore> factory) {
            this.revocationStoreFactory = Objects.requireNonNull(factory, "revocationStore");
            this.revocationStore = null;
            return this;
        }

        /**
         * Answers 503 ({@link RevocationStoreException}) when the store cannot say whether a token
         * is revoked ({@code jwe.revocation.fail-open=false}). The default is fail-open: the token
         * is accepted, with a loud log line (at most one a minute) and {@link JweTokenValidator#failOpenCount()}
         * counting; a store outage then does not take the API down, at the price of honouring
         * revoked tokens while it lasts.
         *
         * @return this
         */
        public Builder revocationFailClosed() {
            this.revocationFailOpen = false;
            return this;
        }

        /**
         * Makes every token one-time ({@code jwe.replay.protect=true}): a second use of the same
         * {@code jti} within its lifetime is rejected as {@link Reason#REPLAYED}, across every
         * validator sharing the store; a token without {@code jti} as {@link Reason#MISSING_CLAIM};
         * a token that would outlive the store's replay window ({@code jwe.replay.window}) as
         * {@link Reason#LIFETIME_TOO_LONG}. Without it, {@link JweTokenValidator#validateSingleUse} asks for one-time
         * use per call (per path in the adapters).
         *
         * @return this
         */
        public Builder replayProtection() {
            this.replayProtection = true;
            return this;
        }

        /**
         * Accepts a one-time token when the store cannot record its use
         * ({@code jwe.replay.fail-open=true}); logged and counted, and logged at start-up. The
         * default is fail-closed (503): a replay check that lets tokens through when the store
         * is down protects nothing.
         *
         * @return this
         */
        public Builder replayFailOpen() {
            this.replayFailOpen = true;
            return this;
        }

        /**
         * Size of the verified-token cache ({@code jwe.cache.max-entries}); default 10000; 0 turns
         * the cache off. The same bound applies to the cache of rejections.
         *
         * @param maxEntries the bound
         * @return this
         */
        public Builder cacheMaxEntries(int maxEntries) {
            this.cacheMaxEntries = maxEntries;
            return this;
        }

        /**
         * Longest time a verified token stays cached ({@code jwe.cache.max-ttl}); default 5 min;
         * an entry never outlives the token's {@code exp}.
         *
         * @param ttl the bound
         * @return this
         */
        public Builder cacheMaxTtl(Duration ttl) {
            this.cacheMaxTtl = Objects.requireNonNull(ttl, "cacheMaxTtl");
            return this;
        }

        /**
         * How long a rejection that cost a decryption is remembered ({@code jwe.cache.reject-ttl});
         * default 30 s; zero turns it off.
         *
         * @param ttl the time
         * @return this
         */
        public Builder cacheRejectTtl(Duration ttl) {
            this.cacheRejectTtl = Objects.requireNonNull(ttl, "cacheRejectTtl");
            return this;
        }

        /**
         * The keys that decrypt tokens ({@code jwe.decryption.keys}). Required.
         *
         * @param keys private or secret keys
         * @return this
         */
        public Builder decryptionKeys(KeySource keys) {
            this.decryptionKeys = Objects.requireNonNull(keys, "decryptionKeys");
            return this;
        }

        /**
         * The keys that verify the inner signature ({@code jwe.verification.keys}). Required unless
         * unsigned tokens are allowed and all key management is symmetric.
         *
         * @param keys public or secret keys (the public half of a private key is used)
         * @return this
         */
        public Builder verificationKeys(KeySource keys) {
            this.verificationKeys = Objects.requireNonNull(keys, "verificationKeys");
            return this;
        }

        /**
         * The accepted key management algorithms ({@code jwe.key-management-algorithms}). Default:
         * derived from the decryption keys (RSA: RSA-OAEP-256; EC: ECDH-ES*; oct: AES key wrap,
         * AES-GCM key wrap and dir of the key's size). RSA-OAEP only when listed here.
         *
         * @param algorithms JWA names
         * @return this
         */
        public Builder keyManagementAlgorithms(Collection<String> algorithms) {
            this.keyManagementAlgorithms = copy(algorithms, "keyManagementAlgorithms");
            return this;
        }

        /**
         * The accepted content encryption algorithms ({@code jwe.content-encryption-algorithms}).
         * Default: A128GCM, A192GCM, A256GCM, A128CBC-HS256, A192CBC-HS384, A256CBC-HS512.
         *
         * @param algorithms JWA names
         * @return this
         */
        public Builder contentEncryptionAlgorithms(Collection<String> algorithms) {
            this.contentEncryptionAlgorithms = copy(algorithms, "contentEncryptionAlgorithms");
            return this;
        }

        /**
         * The accepted inner signature algorithms ({@code jwe.signature-algorithms}). Default:
         * derived from the verification keys (HS* only with a symmetric key).
         *
         * @param algorithms JWA names
         * @return this
         */
        public Builder signatureAlgorithms(Collection<String> algorithms) {
            this.signatureAlgorithms = copy(algorithms, "signatureAlgorithms");
            return this;
        }

        /**
         * Accepts unsigned claims inside a JWE whose key management is symmetric (dir, A*KW,
         * A*GCMKW): {@code jwe.signature.required=false}. Tokens encrypted to a public key
         * (RSA-OAEP*, ECDH-ES*) must still be signed: no option turns that off. Logged at start-up.
         *
         * @return this
         */
        public Builder allowUnsignedWithSymmetricKeyManagement() {
            this.signatureRequired = false;
            return this;
        }

        /**
         * The accepted issuers, compared exactly ({@code jwe.issuer}).
         *
         * @param issuers one or more issuers
         * @return this
         */
        public Builder issuers(Collection<String> issuers) {
            this.issuers = copy(issuers, "issuers");
            return this;
        }

        /**
         * @param issuers one or more issuers
         * @return this
         * @see #issuers(Collection)
         */
        public Builder issuer(String... issuers) {
            return issuers(Arrays.asList(Objects.requireNonNull(issuers, "issuers")));
        }

        /**
         * Does not check {@code iss} ({@code jwe.ignore-issuer=true}); logged at start-up.
         *
         * @return this
         */
        public Builder ignoreIssuer() {
            this.ignoreIssuer = true;
            return this;
        }

        /**
         * The expected audiences; a token must name at least one ({@code jwe.audience}).
         *
         * @param audiences one or more audiences
         * @return this
         */
        public Builder audiences(Collection<String> audiences) {
            this.audiences = copy(audiences, "audiences");
            return this;
        }

        /**
         * @param audiences one or more audiences
         * @return this
         * @see #audiences(Collection)
         */
        public Builder audience(String... audiences) {
            return audiences(Arrays.asList(Objects.requireNonNull(audiences, "audiences")));
        }

        /**
         * Does not check {@code aud} ({@code jwe.ignore-audience=true}); logged at start-up.
         *
         * @return this
         */
        public Builder ignoreAudience() {
            this.ignoreAudience = true;
            return this;
        }

        /**
         * Allowed clock skew for {@code exp}, {@code nbf}, {@code iat} ({@code jwe.clock-skew});
         * default 30 s, at most 5 min.
         *
         * @param skew the skew
         * @return this
         */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew");
            return this;
        }

        /**
         * The longest token accepted, in characters ({@code jwe.max-token-length}); default 16384.
         *
         * @param chars the cap
         * @return this
         */
        public Builder maxTokenLength(int chars) {
            this.maxTokenLength = chars;
            return this;
        }

        /**
         * The longest lifetime accepted, {@code exp} minus {@code iat} (or minus now without
         * {@code iat}) ({@code jwe.max-lifetime}); default none.
         *
         * @param lifetime the cap
         * @return this
         */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = Objects.requireNonNull(lifetime, "maxLifetime");
            return this;
        }

        /**
         * Claims that must be present besides {@code exp} ({@code jwe.required-claims}).
         *
         * @param claims claim names
         * @return this
         */
        public Builder requiredClaims(Collection<String> claims) {
            this.requiredClaims = copy(claims, "requiredClaims");
            return this;
        }

        /**
         * The required {@code typ} ({@code jwe.token-type}), e.g. {@code at+jwt} (RFC 9068); read
         * from the inner JWS header, else (only under symmetric key management, where the JWE
         * header is authenticated by the key holder) from the JWE header; compared
         * case-insensitively, with or without {@code application/}.
         *
         * @param type the type
         * @return this
         */
        public Builder tokenType(String type) {
            this.tokenType = Objects.requireNonNull(type, "tokenType");
            return this;
        }

        /**
         * The claim that names the principal ({@code jwe.principal-claim}); default {@code sub}.
         *
         * @param claim the claim name
         * @return this
         */
        public Builder principalClaim(String claim) {
            this.principalClaim = Objects.requireNonNull(claim, "principalClaim");
            return this;
        }

        /**
         * The claim holding roles ({@code jwe.roles-claim}); default {@code groups}; a dotted path
         * reaches into nested objects ({@code realm_access.roles}).
         *
         * @param claim the claim name or path
         * @return this
         */
        public Builder rolesClaim(String claim) {
            this.rolesClaim = Objects.requireNonNull(claim, "rolesClaim");
            return this;
        }

        /**
         * The claim holding OAuth scopes ({@code jwe.scope-claim}); default {@code scope}, a
         * space-separated string or an array.
         *
         * @param claim the claim name
         * @return this
         */
        public Builder scopeClaim(String claim) {
            this.scopeClaim = Objects.requireNonNull(claim, "scopeClaim");
            return this;
        }

        /**
         * The clock for time claims; default the system UTC clock.
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where audit events go; default {@link AuditListener#slf4j()}.
         *
         * @param listener the listener
         * @return this
         */
        public Builder auditListener(AuditListener listener) {
            this.audit = Objects.requireNonNull(listener, "auditListener");
            return this;
        }

        private static List<String> copy(Collection<String> values, String name) {
            Objects.requireNonNull(values, name);
            List<String> out = new ArrayList<>();
            for (String v : values) {
                Objects.requireNonNull(v, name);
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
            return List.copyOf(out);
        }

        /**
         * Checks everything and builds the validator; logs the effective policy once.
         *
         * @return the validator
         * @throws ConfigurationException naming the setting that is wrong
         */
        public JweTokenValidator build() {
            if (decryptionKeys == null) {
                throw new ConfigurationException("jwe.decryption.keys", "required: the keys that decrypt tokens");
            }
            KeySet decryption = load(decryptionKeys, "jwe.decryption.keys");
            if (decryption.isEmpty()) {
                throw new ConfigurationException("jwe.decryption.keys", "no keys found");
            }
            for (KeyEntry k : decryption.all()) {
                if (!k.isPrivate() && !k.isSymmetric()) {
                    throw new ConfigurationException("jwe.decryption.keys", "key " + k.kid().orElse("(no kid)")
                            + " is a public key; decryption needs the private key");
                }
                checkStrength(k, "jwe.decryption.keys");
            }
            KeySet verification = verificationKeys == null ? KeySet.empty() : load(verificationKeys, "jwe.verification.keys");
            for (KeyEntry k : verification.all()) {
                checkStrength(k, "jwe.verification.keys");
                if (k.isSymmetric() && k.secretKeyLength() >= 0 && k.secretKeyLength() < 32) {
                    throw new ConfigurationException("jwe.verification.keys", "symmetric key "
                            + k.kid().orElse("(no kid)") + " is shorter than 256 bits");
                }
            }

            Set<String> km = new LinkedHashSet<>();
            if (keyManagementAlgorithms != null) {
                for (String alg : keyManagementAlgorithms) {
                    if (Algorithms.isForbidden(alg)) {
                        throw new ConfigurationException("jwe.key-management-algorithms", alg
                                + " is refused and cannot be enabled");
                    }
                    if (!Algorithms.KEY_MANAGEMENT.contains(alg)) {
                        throw new ConfigurationException("jwe.key-management-algorithms", "unsupported algorithm "
                                + alg + "; supported: " + Algorithms.KEY_MANAGEMENT);
                    }
                    km.add(alg);
                }
            } else {
                decryption.all().forEach(k -> km.addAll(Algorithms.defaultKeyManagement(k)));
            }
            if (km.isEmpty()) {
                throw new ConfigurationException("jwe.key-management-algorithms",
                        "none: no decryption key fits a supported algorithm");
            }
            Set<String> ce = new LinkedHashSet<>(contentEncryptionAlgorithms != null
                    ? contentEncryptionAlgorithms : Algorithms.CONTENT_ENCRYPTION);
            for (String enc : ce) {
                if (!Algorithms.CONTENT_ENCRYPTION.contains(enc)) {
                    throw new ConfigurationException("jwe.content-encryption-algorithms", "unsupported algorithm "
                            + enc + "; supported: " + Algorithms.CONTENT_ENCRYPTION);
                }
            }
            if (ce.isEmpty()) {
                throw new ConfigurationException("jwe.content-encryption-algorithms", "must not be empty");
            }
            Set<String> sig = new LinkedHashSet<>();
            if (signatureAlgorithms != null) {
                for (String alg : signatureAlgorithms) {
                    if (Algorithms.isForbidden(alg)) {
                        throw new ConfigurationException("jwe.signature-algorithms", alg + " is refused and cannot be enabled");
                    }
                    if (!Algorithms.SIGNATURE.contains(alg)) {
                        throw new ConfigurationException("jwe.signature-algorithms", "unsupported algorithm " + alg
                                + "; supported: " + Algorithms.SIGNATURE);
                    }
                    if (alg.startsWith("HS") && verification.all().stream().noneMatch(KeyEntry::isSymmetric)) {
                        throw new ConfigurationException("jwe.signature-algorithms", alg
                                + " needs a symmetric verification key in jwe.verification.keys");
                    }
                    sig.add(alg);
                }
            } else {
                verification.all().forEach(k -> sig.addAll(Algorithms.defaultSignature(k)));
                if (verificationKeys != null && verificationKeys.isRemote()) {
                    // A remote key set may rotate to another key type: allow every asymmetric
                    // algorithm (never HS*: a published key set holds no shared secrets).
                    sig.addAll(Algorithms.SIGNATURE.stream().filter(a -> !a.startsWith("HS")).toList());
                }
            }
            boolean anyPublicKeyManagement = km.stream().anyMatch(Algorithms::isPublicKeyManagement);
            // A listed signature algorithm without any verification key would refuse every token.
            boolean noVerificationKeys = verification.isEmpty()
                    && (verificationKeys == null || !verificationKeys.isRemote());
            if ((sig.isEmpty() || noVerificationKeys) && (signatureRequired || anyPublicKeyManagement)) {
                throw new ConfigurationException("jwe.verification.keys", anyPublicKeyManagement
                        ? "required: tokens encrypted to a public key (RSA-OAEP*, ECDH-ES*) must carry a signed JWT,"
                                + " and no verification key fits a supported signature algorithm"
                        : "required unless jwe.signature.required=false: no verification key fits a supported"
                                + " signature algorithm");
            }
            if (ignoreIssuer && issuers != null) {
                throw new ConfigurationException("jwe.issuer", "set together with jwe.ignore-issuer; choose one");
            }
            if (!ignoreIssuer && (issuers == null || issuers.isEmpty())) {
                throw new ConfigurationException("jwe.issuer", "required (or set jwe.ignore-issuer=true on purpose)");
            }
            if (ignoreAudience && audiences != null) {
                throw new ConfigurationException("jwe.audience", "set together with jwe.ignore-audience; choose one");
            }
            if (!ignoreAudience && (audiences == null || audiences.isEmpty())) {
                throw new ConfigurationException("jwe.audience", "required (or set jwe.ignore-audience=true on purpose)");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new ConfigurationException("jwe.clock-skew", "must be between PT0S and PT5M");
            }
            if (maxTokenLength < 256 || maxTokenLength > 1024 * 1024) {
                throw new ConfigurationException("jwe.max-token-length", "must be between 256 and 1048576");
            }
            if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
                throw new ConfigurationException("jwe.max-lifetime", "must be positive");
            }
            if (tokenType != null && tokenType.isBlank()) {
                throw new ConfigurationException("jwe.token-type", "must not be blank");
            }
            if (cacheMaxEntries < 0 || cacheMaxEntries > 10_000_000) {
                throw new ConfigurationException("jwe.cache.max-entries", "must be between 0 (off) and 10000000");
            }
            if (cacheMaxTtl.isNegative() || cacheMaxTtl.isZero() || cacheMaxTtl.compareTo(Duration.ofHours(24)) > 0) {
                throw new ConfigurationException("jwe.cache.max-ttl", "must be positive and at most PT24H");
            }
            if (cacheRejectTtl.isNegative() || cacheRejectTtl.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new ConfigurationException("jwe.cache.reject-ttl", "must be between PT0S (off) and PT5M");
            }
            requireName(principalClaim, "jwe.principal-claim");
            requireName(rolesClaim, "jwe.roles-claim");
            requireName(scopeClaim, "jwe.scope-claim");

            RevocationStore store = revocationStore != null ? revocationStore
                    : revocationStoreFactory != null ? revocationStoreFactory.apply(clock)
                    : new InMemoryRevocationStore(clock);
            Policy policy = new Policy(this, km, ce, sig, store);
            JweTokenValidator validator = new JweTokenValidator(policy);
            LOG.info("jwe policy: {}", policy.describe());
            if (ignoreIssuer) {
                LOG.warn("jwe: the issuer (iss) is NOT checked (jwe.ignore-issuer=true)");
            }
            if (ignoreAudience) {
                LOG.warn("jwe: the audience (aud) is NOT checked (jwe.ignore-audience=true)");
            }
            if (!signatureRequired) {
                LOG.warn("jwe: unsigned claims are accepted under symmetric key management (jwe.signature.required=false)");
            }
            if (replayFailOpen) {
                LOG.warn("jwe: one-time tokens are accepted when the revocation store fails (jwe.replay.fail-open=true)");
            }
            if (revocationFailOpen) {
                // The default (an unreachable shared store must not take the API down), said once.
                LOG.info("jwe: revocation lookups fail OPEN: when the store ({}) fails, tokens are accepted without"
                        + " the check, logged and counted (jwe.revocation.fail-open=false to answer 503 instead)",
                        store.describe());
            }
            if (maxLifetime != null && maxLifetime.plus(clockSkew.multipliedBy(2)).compareTo(store.retention()) > 0) {
                LOG.warn("jwe: tokens may live {} (jwe.max-lifetime) but revocations are kept {}"
                        + " (jwe.revocation.retention): a revoked token may come back after that", maxLifetime,
                        store.retention());
            }
            return validator;
        }

        private static void requireName(String value, String setting) {
            if (value.isBlank()) {
                throw new ConfigurationException(setting, "must not be blank");
            }
        }

        private static KeySet load(KeySource source, String setting) {
            try {
                KeySet keys = source.keys();
                if (keys == null) {
                    throw new ConfigurationException(setting, "the key source returned no key set");
                }
                return keys;
            } catch (KeySourceException e) {
                if (source.isRemote()) {
                    // jwe.verification.fetch-at-start=false: start without keys; requests get
                    // 503 until the first fetch succeeds.
                    LOG.warn("jwe: {}: {}; starting without these keys", setting, e.getMessage());
                    return KeySet.empty();
                }
                throw new ConfigurationException(setting, e.getMessage(), e);
            }
        }

        private static void checkStrength(KeyEntry k, String setting) {
            int bits = Algorithms.rsaBits(k.key());
            if (bits >= 0 && bits < Algorithms.MIN_RSA_BITS) {
                throw new ConfigurationException(setting, "RSA key " + k.kid().orElse("(no kid)") + " has " + bits
                        + " bits; at least " + Algorithms.MIN_RSA_BITS + " are required");
            }
            if (k.isSymmetric() && k.secretKeyLength() >= 0 && k.secretKeyLength() < 16) {
                throw new ConfigurationException(setting, "symmetric key " + k.kid().orElse("(no kid)")
                        + " is shorter than 128 bits");
            }
        }
    }
}
