package dev.jwe.servlet;

import dev.jwe.core.KeyEntry;
import java.security.PublicKey;
import java.util.Optional;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Picks the key to encrypt to from a published JWK Set the way Keycloak 26 does for a client's
 * {@code jwks.url} ({@code PublicKeyStorageManager.getClientPublicKeyWrapper(..., JWK.Use.ENCRYPTION,
 * algorithm)}): only keys with {@code "use": "enc"}, and of those the first whose {@code alg}
 * equals the client's configured algorithm ({@code id.token.encrypted.response.alg}), a missing
 * {@code alg} counting as the key type's signature default ({@code RS256}, {@code ES256}...,
 * Keycloak's {@code JWK.getAlgorithmOrDefault()}), so a key without {@code alg} is never found.
 * Parsed with jose4j rather than our own reader, as an issuer would.
 */
final class KeycloakStyleSelector {
    private KeycloakStyleSelector() {
    }

    /**
     * @param jwks the published JWK Set
     * @param algorithm the client's configured key-management algorithm
     * @return the chosen key as an encryption key, or empty (Keycloak: "PublicKey wasn't found")
     */
    static Optional<KeyEntry> select(String jwks, String algorithm) {
        try {
            for (JsonWebKey k : new JsonWebKeySet(jwks).getJsonWebKeys()) {
                if ("enc".equals(k.getUse()) && algorithm.equals(algorithmOrDefault(k))) {
                    PublicKey key = ((PublicJsonWebKey) k).getPublicKey();
                    return Optional.of(KeyEntry.of(k.getKeyId(), key, key));
                }
            }
            return Optional.empty();
        } catch (JoseException e) {
            throw new AssertionError("not a JWK Set", e);
        }
    }

    private static String algorithmOrDefault(JsonWebKey k) {
        if (k.getAlgorithm() != null) {
            return k.getAlgorithm();
        }
        if (k instanceof EllipticCurveJsonWebKey ec) {
            return switch (ec.getCurveName()) {
                case "P-384" -> "ES384";
                case "P-521" -> "ES512";
                default -> "ES256";
            };
        }
        return "RS256";
    }
}
