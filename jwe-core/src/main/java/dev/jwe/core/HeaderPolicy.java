package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.Compact;
import java.util.Map;
import java.util.Set;

/**
 * Stage 3: the JWE header against the policy, before any key is touched. {@code alg} and
 * {@code enc} in the allow-lists (RSA1_5, PBES2-* and {@code none} never); no {@code zip},
 * {@code crit}, {@code b64}, {@code jku}, {@code x5u}, {@code jwk}, {@code x5c}; a present
 * {@code cty} says JWT; segment lengths fixed by the algorithms (IV and tag of the exact length);
 * an ECDH ephemeral key names its curve. Immutable and thread-safe.
 */
final class HeaderPolicy {
    /**
     * A header that passed.
     *
     * @param header the header as read
     * @param cty the {@code cty} (JWT), or {@code null} when absent
     * @param epkCurve the curve of the ECDH ephemeral key, or {@code null} for other key management
     */
    record Result(JweHeader header, String cty, String epkCurve) {
    }

    private final Set<String> keyManagement;
    private final Set<String> contentEncryption;

    /**
     * @param keyManagement the accepted {@code alg} values
     * @param contentEncryption the accepted {@code enc} values
     */
    HeaderPolicy(Set<String> keyManagement, Set<String> contentEncryption) {
        this.keyManagement = Set.copyOf(keyManagement);
        this.contentEncryption = Set.copyOf(contentEncryption);
    }

    /**
     * @param header the header read from {@code jwe}
     * @param jwe the token
     * @return the header with what later stages need from it
     * @throws TokenRejectedException {@code MALFORMED} without {@code alg} or {@code enc}, or of
     *     the wrong shape; {@code UNSUPPORTED_ALGORITHM}; {@code UNSUPPORTED_HEADER}
     */
    Result check(JweHeader header, Compact jwe) throws TokenRejectedException {
        String alg = header.alg();
        String enc = header.enc();
        if (alg == null || enc == null) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        if (Algorithms.isForbidden(alg) || !keyManagement.contains(alg) || !contentEncryption.contains(enc)) {
            throw new TokenRejectedException(Reason.UNSUPPORTED_ALGORITHM);
        }
        Map<String, Object> fields = header.fields();
        JoseHeader.checkForbidden(fields);
        String cty = JoseHeader.string(fields, "cty", Reason.UNSUPPORTED_HEADER);
        if (cty != null && !JoseHeader.isJwtContentType(cty)) {
            throw new TokenRejectedException(Reason.UNSUPPORTED_HEADER);
        }
        return new Result(header, cty, checkShape(jwe, fields, alg, enc));
    }

    /** Segment lengths fixed by the algorithms; returns the ECDH ephemeral key's curve. */
    private static String checkShape(Compact jwe, Map<String, Object> header, String alg, String enc)
            throws TokenRejectedException {
        boolean noEncryptedKey = alg.equals("dir") || alg.equals("ECDH-ES");
        if ((jwe.segmentLength(1) == 0) != noEncryptedKey
                || jwe.decodedLength(2) != Algorithms.ivBytes(enc)
                || jwe.segmentLength(3) == 0
                || jwe.decodedLength(4) != Algorithms.tagBytes(enc)) {
            throw new TokenRejectedException(Reason.MALFORMED);
        }
        if (alg.endsWith("GCMKW")) {
            if (decodedLength(header.get("iv")) != 12 || decodedLength(header.get("tag")) != 16) {
                throw new TokenRejectedException(Reason.MALFORMED);
            }
        }
        if (alg.startsWith("ECDH-ES")) {
            if (!(header.get("epk") instanceof Map<?, ?> epk) || !(epk.get("crv") instanceof String crv)) {
                throw new TokenRejectedException(Reason.MALFORMED);
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
}
