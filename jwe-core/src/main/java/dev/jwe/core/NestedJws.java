package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.Jca;
import dev.jwe.core.internal.SignatureCheck;
import java.util.Map;
import java.util.Set;

/**
 * Stage 6: what the JWE carries. Exactly one JWS, nothing deeper: its {@code alg} in the
 * allow-list, no refused header member, a signature verified with a key found by its own
 * {@code kid}. Unsigned JSON claims only when the policy allows them and the key management is
 * symmetric: under RSA-OAEP* and ECDH-ES* anyone holding the public key can encrypt, so only the
 * signature proves who made the token. With several trusted issuers, the claims' {@code iss} is
 * read before the signature is checked and selects the only keys that may verify it
 * ({@link IssuerTrust}). Immutable and thread-safe.
 */
final class NestedJws {
    /**
     * The claims and how they were signed.
     *
     * @param claimsJson the claims as JSON text, not yet parsed
     * @param alg the JWS {@code alg}, or {@code null} for unsigned claims
     * @param kid the JWS {@code kid}, or {@code null}
     * @param typ the JWS {@code typ}, or {@code null}
     * @param key the key that verified the signature, or {@code null} for unsigned claims
     * @param issuer the issuer whose key verified the signature, or {@code null} for unsigned claims
     * @param claims the claims, when already read to select the issuer, else {@code null}
     */
    record Result(String claimsJson, String alg, String kid, String typ, KeyEntry key, IssuerTrust.Issuer issuer,
            TokenClaims claims) {
    }

    private final IssuerTrust trust;
    private final Set<String> signature;
    private final boolean signatureRequired;
    private final KeySelection selection;
    private final Jca jca;

    /**
     * @param verificationKeys the keys that verify the inner signature, or {@code null} for none
     * @param signature the accepted JWS {@code alg} values
     * @param signatureRequired false when unsigned claims are allowed under symmetric key management
     * @param selection picks the candidates among the keys
     * @param jca the JCA provider that verifies signatures
     */
    NestedJws(KeySource verificationKeys, Set<String> signature, boolean signatureRequired, KeySelection selection,
            Jca jca) {
        this(IssuerTrust.keysOnly(verificationKeys, signature), signature, signatureRequired, selection, jca);
    }

    /**
     * @param trust which keys may verify a token, by its issuer
     * @param signature the JWS {@code alg} values accepted for any issuer
     * @param signatureRequired false when unsigned claims are allowed under symmetric key management
     * @param selection picks the candidates among the keys
     * @param jca the JCA provider that verifies signatures
     */
    NestedJws(IssuerTrust trust, Set<String> signature, boolean signatureRequired, KeySelection selection, Jca jca) {
        this.trust = trust;
        this.jca = jca;
        this.signature = Set.copyOf(signature);
        this.signatureRequired = signatureRequired;
        this.selection = selection;
    }

    /**
     * @param payload the decrypted payload
     * @param header the JWE header, past the {@link HeaderPolicy}
     * @return the claims text and its signature facts
     * @throws TokenRejectedException {@code INVALID_NESTING}, {@code UNSIGNED}, {@code MALFORMED},
     *     {@code UNSUPPORTED_ALGORITHM}, {@code UNSUPPORTED_HEADER}, {@code UNKNOWN_KEY},
     *     {@code INVALID_SIGNATURE}, {@code MALFORMED_CLAIMS}, {@code INVALID_ISSUER} (several
     *     trusted issuers, none with the claims' {@code iss})
     */
    Result open(String payload, HeaderPolicy.Result header) throws TokenRejectedException {
        int segments = isJsonObjectText(payload) ? 1 : Compact.segmentCount(payload);
        if (segments == 5) {
            throw new TokenRejectedException(Reason.INVALID_NESTING);
        }
        if (segments == 3) {
            return verify(payload);
        }
        if (header.cty() == null && !signatureRequired && !Algorithms.isPublicKeyManagement(header.header().alg())) {
            return new Result(payload, null, null, null, null, null, null);
        }
        throw new TokenRejectedException(Reason.UNSIGNED);
    }

    private Result verify(String payload) throws TokenRejectedException {
        Compact jws = TokenForm.parse(payload, 3);
        Map<String, Object> header = JoseHeader.parse(jws);
        String alg = JoseHeader.string(header, "alg", Reason.MALFORMED);
        String kid = JoseHeader.keyId(header);
        String typ = JoseHeader.string(header, "typ", Reason.INVALID_TYPE);
        if (alg == null) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        if (Algorithms.isForbidden(alg) || !signature.contains(alg)) {
            throw new TokenRejectedException(Reason.UNSUPPORTED_ALGORITHM);
        }
        JoseHeader.checkForbidden(header);
        String cty = JoseHeader.string(header, "cty", Reason.UNSUPPORTED_HEADER);
        if (cty != null && JoseHeader.isJwtContentType(cty)) {
            throw new TokenRejectedException(Reason.INVALID_NESTING);
        }
        if (jws.segmentLength(2) == 0) {
            throw new TokenRejectedException(Reason.INVALID_SIGNATURE);
        }
        if (!trust.selectsByIssuer()) {
            IssuerTrust.Issuer issuer = trust.select(null);
            KeyEntry key = verifySignature(jws, kid, alg, issuer.verificationKeys());
            return new Result(claimsOf(jws), alg, kid, typ, key, issuer, null);
        }
        // Several issuers: the unverified iss picks the only keys that may verify; parsing the
        // claims first costs less than a signature check and is bounded like any claims parse.
        String claimsJson = claimsOf(jws);
        TokenClaims claims = TokenClaims.read(claimsJson);
        IssuerTrust.Issuer issuer = trust.select(claims.issuer());
        if (!issuer.signature().contains(alg)) {
            throw new TokenRejectedException(Reason.UNSUPPORTED_ALGORITHM);
        }
        KeyEntry key = verifySignature(jws, kid, alg, issuer.verificationKeys());
        return new Result(claimsJson, alg, kid, typ, key, issuer, claims);
    }

    /** The JWS payload as claims text: UTF-8, not another compact JOSE object. */
    private static String claimsOf(Compact jws) throws TokenRejectedException {
        String claimsJson = Compact.utf8(jws.decode(1));
        if (claimsJson == null) {
            throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
        }
        int innerSegments = isJsonObjectText(claimsJson) ? 1 : Compact.segmentCount(claimsJson);
        if (innerSegments == 3 || innerSegments == 5) {
            throw new TokenRejectedException(Reason.INVALID_NESTING);
        }
        return claimsJson;
    }

    private KeyEntry verifySignature(Compact jws, String kid, String alg, KeySource verificationKeys)
            throws TokenRejectedException {
        if (verificationKeys == null) {
            throw new TokenRejectedException(Reason.UNKNOWN_KEY);
        }
        for (KeyEntry key : selection.forVerification(verificationKeys, kid, alg)) {
            if (SignatureCheck.verify(jca, jws, alg, KeyFit.verificationKey(key))) {
                return key;
            }
        }
        throw new TokenRejectedException(Reason.INVALID_SIGNATURE);
    }

    /**
     * Whether a payload is JSON object text rather than a compact JOSE object. Dots alone cannot
     * tell: claims such as {@code "iss":"https://login.example.com"} contain them, while compact
     * serializations never contain a brace.
     */
    static boolean isJsonObjectText(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }
}
