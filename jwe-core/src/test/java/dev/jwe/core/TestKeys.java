package dev.jwe.core;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only keys and tokens, generated per run (never committed). Shared with other modules
 * through jwe-core's test-jar.
 */
public final class TestKeys {
    /** Fixed "now" for tests: 2026-01-01T00:00:00Z. */
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** A clock fixed at {@link #NOW}. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Issuer used by the test tokens. */
    public static final String ISSUER = "https://issuer.test";
    /** Audience used by the test tokens. */
    public static final String AUDIENCE = "api://test";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** An RSA key pair as an entry with private and public halves. */
    public static KeyEntry rsa(String kid, int bits) {
        return pair(kid, "RSA", bits, null);
    }

    /** An EC key pair on a JWK curve name (P-256, P-384, P-521). */
    public static KeyEntry ec(String kid, String curve) {
        String jca = switch (curve) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw new IllegalArgumentException(curve);
        };
        return pair(kid, "EC", 0, new ECGenParameterSpec(jca));
    }

    /** An Ed25519 key pair. */
    public static KeyEntry ed25519(String kid) {
        return pair(kid, "Ed25519", 0, null);
    }

    /** A random secret key of {@code bytes} bytes. */
    public static KeyEntry oct(String kid, int bytes) {
        byte[] k = new byte[bytes];
        RANDOM.nextBytes(k);
        return KeyEntry.of(kid, new SecretKeySpec(k, "AES"), null);
    }

    /** The public half only. */
    public static KeyEntry publicOnly(KeyEntry entry) {
        return KeyEntry.of(entry.kid().orElse(null), entry.publicKey().orElseThrow(), entry.publicKey().get());
    }

    private static KeyEntry pair(String kid, String alg, int bits, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (spec != null) {
                g.initialize(spec);
            } else if (bits > 0) {
                g.initialize(bits);
            }
            KeyPair kp = g.generateKeyPair();
            return KeyEntry.of(kid, kp.getPrivate(), kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Standard valid claims at {@link #NOW}: iss, aud, sub, iat, exp (+10 min), jti, groups, scope. */
    public static Map<String, Object> claims() {
        return TokenIssuer.claims(CLOCK).issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .expiresIn(Duration.ofMinutes(10)).roles(List.of("user")).scopes(List.of("orders:read"))
                .build();
    }
}
