package dev.jwe.core.http;

import dev.jwe.core.Reason;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.internal.ProofJws;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sender constraint of a verified token, checked on every request (also when the token came
 * from the cache): a token with {@code cnf.jkt} needs the {@code DPoP} scheme and a proof (RFC 9449
 * §4.3, §7), a token with {@code cnf.x5t#S256} the TLS client certificate it names (RFC 8705 §3).
 * Proof {@code jti}s go into the validator's replay store, so a proof is good once in the whole
 * cluster when the store is shared. Thread-safe.
 */
final class SenderConstraintCheck {
    /** The issuer scope of proof jtis in the replay store: they never meet a token's jti. */
    private static final String PROOF_SCOPE = "dpop-proof:";
    private static final int MAX_JTI_LENGTH = 256;

    private final SenderConstraintOptions options;
    private final Set<String> algorithms;
    private final RevocationStore store;
    private final Clock clock;
    private final DpopNonces nonces;

    SenderConstraintCheck(SenderConstraintOptions options, RevocationStore store, Clock clock) {
        this.options = options;
        this.algorithms = Set.copyOf(options.algorithms());
        this.store = store;
        this.clock = clock;
        byte[] key = options.nonceKey();
        this.nonces = key == null ? null : new DpopNonces(key, options.maxAge(), options.clockSkew(), clock);
    }

    /** A fresh nonce for the {@code DPoP-Nonce} header, or {@code null} when nonces are off. */
    String newNonce() {
        return nonces == null ? null : nonces.issue();
    }

    /**
     * Checks a verified token's binding against the request.
     *
     * @param request the request
     * @param token the token text as sent (for {@code ath})
     * @param dpopScheme whether it came as {@code Authorization: DPoP}
     * @param verified the verified token
     * @return {@code null} when the request may pass, else why not
     * @throws dev.jwe.core.RevocationStoreException when the replay store fails
     */
    Reason check(RequestView request, String token, boolean dpopScheme, VerifiedToken verified) {
        // Read from the verified token's kept facts: no claims parse on a cache hit (a malformed cnf
        // never gets this far: the validator refuses it as MALFORMED_CLAIMS).
        String jkt = verified.confirmationKeyThumbprint().orElse(null);
        String x5t = verified.confirmationCertificateThumbprint().orElse(null);
        if (x5t != null && !equal(x5t, ClientCertificates.thumbprint(request, options.certificateHeader()))) {
            return Reason.CERTIFICATE_MISMATCH;
        }
        if (!dpopScheme) {
            return jkt == null ? null : Reason.DPOP_BOUND_TOKEN;
        }
        if (jkt == null) {
            return Reason.DPOP_UNBOUND_TOKEN;
        }
        return checkProof(request, token, jkt);
    }

    private Reason checkProof(RequestView request, String token, String jkt) {
        List<String> proofs = request.headers("DPoP");
        if (proofs.size() != 1) {
            return Reason.DPOP_PROOF_MISSING;
        }
        ProofJws proof;
        try {
            proof = ProofJws.verify(proofs.get(0), algorithms);
        } catch (ProofJws.InvalidProofException e) {
            return Reason.DPOP_PROOF_INVALID;
        }
        Map<String, Object> claims = proof.claims();
        if (!(claims.get("jti") instanceof String jti) || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH
                || !(claims.get("htm") instanceof String htm) || !(claims.get("htu") instanceof String htu)
                || !(claims.get("iat") instanceof Number iatNumber) || !(claims.get("ath") instanceof String ath)) {
            return Reason.DPOP_PROOF_INVALID;
        }
        if (!htm.equals(request.method()) || !htuMatches(htu, request) || !equal(ath, sha256(token))) {
            return Reason.DPOP_PROOF_MISMATCH;
        }
        if (!equal(proof.thumbprint(), jkt)) {
            return Reason.DPOP_KEY_MISMATCH;
        }
        Instant now = clock.instant();
        long iat = iatNumber.longValue();
        long nowSeconds = now.getEpochSecond();
        long skew = options.clockSkew().toSeconds();
        if (iat > nowSeconds + skew || nowSeconds - iat > options.maxAge().toSeconds() + skew) {
            return Reason.DPOP_PROOF_EXPIRED;
        }
        if (nonces != null && !nonces.isCurrent(claims.get("nonce"))) {
            return Reason.DPOP_NONCE_REQUIRED;
        }
        Instant acceptedUntil = Instant.ofEpochSecond(iat).plus(options.maxAge()).plusSeconds(skew);
        return store.recordUse(PROOF_SCOPE + proof.thumbprint(), jti, acceptedUntil) ? null
                : Reason.DPOP_PROOF_REPLAYED;
    }

    /** {@code htu} against the URL the request arrived on, or the external base URL plus the path (RFC 9449 §4.3 (9)). */
    private boolean htuMatches(String htu, RequestView request) {
        String base = options.externalBaseUrl();
        String expected = base != null ? base + request.info().path() : request.url();
        if (expected == null) {
            return false;
        }
        String a = normalize(htu);
        return a != null && a.equals(normalize(expected));
    }

    /**
     * RFC 3986 §6.2.2 and §6.2.3 normalisation as far as RFC 9449 asks: scheme and host in lower
     * case, the default port dropped, an empty path as {@code /}; query and fragment ignored.
     */
    static String normalize(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.isOpaque()) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /** base64url(SHA-256(ASCII token)): the {@code ath} claim (RFC 9449 §4.2). */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }


    private static boolean equal(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
