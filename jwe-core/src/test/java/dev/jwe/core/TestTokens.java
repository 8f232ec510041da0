package dev.jwe.core;

import java.security.PrivateKey;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Test-only helpers around validators, tokens and JWKs, shared with other modules through
 * jwe-core's test-jar. Stateless.
 */
public final class TestTokens {
    private TestTokens() {
    }

    /**
     * A validator builder with the test issuer, audience, fixed clock and no audit output.
     *
     * @param decryption the decryption keys
     * @param verification the verification keys, or {@code null} for none
     * @return the builder
     */
    public static JweTokenValidator.Builder validator(KeySource decryption, KeySource verification) {
        JweTokenValidator.Builder b = JweTokenValidator.builder().decryptionKeys(decryption)
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(TestKeys.CLOCK).auditListener(AuditListener.NOOP);
        return verification == null ? b : b.verificationKeys(verification);
    }

    /**
     * A nested token with {@link TestKeys#claims()}.
     *
     * @param encryption the recipient key (its kid goes into the JWE header)
     * @param alg the JWE {@code alg}
     * @param enc the JWE {@code enc}
     * @param signing the signing key (its kid goes into the JWS header)
     * @param sigAlg the JWS {@code alg}
     * @return the compact JWE
     */
    public static String issue(KeyEntry encryption, String alg, String enc, KeyEntry signing, String sigAlg) {
        return TokenIssuer.builder().encryptionKey(encryption).keyManagementAlgorithm(alg)
                .contentEncryptionAlgorithm(enc).signingKey(signing).signatureAlgorithm(sigAlg).build()
                .issue(TestKeys.claims());
    }

    /**
     * The reason a token is rejected; fails the test when it is accepted.
     *
     * @param validator the validator
     * @param token the token
     * @return the reason
     */
    public static Reason rejection(TokenValidator validator, String token) {
        try {
            validator.validate(token);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    /**
     * The entry under another key id (or none), e.g. to make a token name the wrong key.
     *
     * @param entry the key
     * @param kid the new key id, or {@code null}
     * @return the relabelled entry
     */
    public static KeyEntry withKid(KeyEntry entry, String kid) {
        return KeyEntry.of(kid, entry.key(), entry.publicKey().orElse(null));
    }

    /**
     * A JWK document for a key, with the private or secret part, and the given restrictions.
     *
     * @param entry the key
     * @param use the {@code use}, or {@code null}
     * @param keyOps the {@code key_ops}, or {@code null}
     * @param alg the {@code alg}, or {@code null}
     * @return the JWK as JSON
     */
    public static String privateJwk(KeyEntry entry, String use, List<String> keyOps, String alg) {
        try {
            JsonWebKey jwk;
            if (entry.isSymmetric()) {
                jwk = new OctetSequenceJsonWebKey(entry.key());
            } else {
                PublicJsonWebKey p = PublicJsonWebKey.Factory.newPublicJwk(entry.publicKey().orElseThrow());
                if (entry.isPrivate()) {
                    p.setPrivateKey((PrivateKey) entry.key());
                }
                jwk = p;
            }
            entry.kid().ifPresent(jwk::setKeyId);
            if (use != null) {
                jwk.setUse(use);
            }
            if (keyOps != null) {
                jwk.setKeyOps(keyOps);
            }
            if (alg != null) {
                jwk.setAlgorithm(alg);
            }
            return jwk.toJson(entry.isSymmetric() ? JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC
                    : JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JWK Set document of {@link #privateJwk} entries without restrictions.
     *
     * @param entries the keys
     * @return the JWK Set as JSON
     */
    public static String privateJwks(KeyEntry... entries) {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < entries.length; i++) {
            sb.append(i == 0 ? "" : ",").append(privateJwk(entries[i], null, null, null));
        }
        return sb.append("]}").toString();
    }
}
