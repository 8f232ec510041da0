package dev.jwe.spring;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Keys made for this test run (an RSA-2048 encryption key and an EC P-256 signing key), written as
 * PEM files for {@code jwe.decryption.keys} and {@code jwe.verification.keys}, and tokens made
 * with {@link TokenIssuer} (signed, then encrypted) or, for the "encrypted but unsigned" trap, with
 * Nimbus. Made once per JVM; immutable.
 */
final class Tokens {
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "orders-api";
    /** A dotted path: roles sit in an object, as Keycloak puts them. */
    static final String ROLES_CLAIM = "realm_access.roles";

    private static final Tokens INSTANCE = new Tokens();

    private final KeyPair encryption = generate("RSA", null);
    private final KeyPair signing = generate("EC", new ECGenParameterSpec("secp256r1"));
    private final Path decryptionKeyFile;
    private final Path verificationKeyFile;
    private final TokenIssuer issuer = TokenIssuer.builder()
            .encryptionKey(KeyEntry.of(null, encryption.getPrivate(), encryption.getPublic()))
            .signingKey(KeyEntry.of(null, signing.getPrivate(), signing.getPublic()))
            .build();

    private Tokens() {
        try {
            Path dir = Files.createTempDirectory("jwe-spring-keys");
            dir.toFile().deleteOnExit();
            decryptionKeyFile = write(dir.resolve("enc.key.pem"), "PRIVATE KEY", encryption.getPrivate());
            verificationKeyFile = write(dir.resolve("sig.pub.pem"), "PUBLIC KEY", signing.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tokens get() {
        return INSTANCE;
    }

    /** The jwe.* properties every test application starts with. */
    static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("jwe.decryption.keys", INSTANCE.decryptionKeyFile.toString());
        p.put("jwe.verification.keys", INSTANCE.verificationKeyFile.toString());
        p.put("jwe.issuer", ISSUER);
        p.put("jwe.audience", AUDIENCE);
        p.put("jwe.roles-claim", ROLES_CLAIM);
        return p;
    }

    /** Registers {@link #properties()} for a {@code @SpringBootTest}. */
    static void register(DynamicPropertyRegistry registry) {
        properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** A valid token of {@code alice} with these roles and scopes, living five minutes. */
    String token(List<String> roles, List<String> scopes) {
        return token(Clock.systemUTC(), c -> c.claim("realm_access", Map.of("roles", roles)).scopes(scopes));
    }

    /** A token whose claims start valid (issuer, audience, subject alice, five minutes) at the clock's time. */
    String token(Clock clock, Consumer<TokenIssuer.ClaimsBuilder> claims) {
        TokenIssuer.ClaimsBuilder c = TokenIssuer.claims(clock).issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .expiresIn(Duration.ofMinutes(5));
        claims.accept(c);
        return issuer.issue(c.build());
    }

    /**
     * Valid-looking claims encrypted to our public key with no signature inside: what anyone holding
     * the public key can make, and what a JWE processor that only decrypts would trust.
     */
    String unsignedToken() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("mallory")
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                .claim("realm_access", Map.of("roles", List.of("admin"))).build();
        JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                claims.toPayload());
        try {
            jwe.encrypt(new RSAEncrypter((RSAPublicKey) encryption.getPublic()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwe.serialize();
    }

    /** The token with one character of its ciphertext changed (still strict base64url). */
    static String tampered(String token) {
        String[] parts = token.split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        int i = ciphertext.length / 2;
        ciphertext[i] = ciphertext[i] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);
        return String.join(".", parts);
    }

    private static Path write(Path file, String type, Key key) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        file.toFile().deleteOnExit();
        return file;
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec == null) {
                g.initialize(2048);
            } else {
                g.initialize(spec);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
