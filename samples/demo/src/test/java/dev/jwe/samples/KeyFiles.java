package dev.jwe.samples;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Keys made per run and written as PEM files, as an operator deploys them: the RSA-2048
 * decryption key (PKCS#8) and the issuer's EC P-256 verification key (SPKI). Tokens are minted
 * with the key ids the server derives when it loads these files. Shared with the WAR integration
 * tests through this module's test-jar.
 *
 * @param decryptionKeyFile the private RSA key, for {@code jwe.decryption.keys}
 * @param verificationKeyFile the issuer's public EC key, for {@code jwe.verification.keys}
 * @param encryptionKeyId the key id the server gives the RSA key
 * @param issuer signs and encrypts tokens for these keys
 */
public record KeyFiles(Path decryptionKeyFile, Path verificationKeyFile, String encryptionKeyId, TokenIssuer issuer) {

    /**
     * @param dir where to write {@code enc.pem} and {@code sig.pub.pem}
     * @return the files and a matching token issuer
     */
    public static KeyFiles create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyEntry rsa = TestKeys.rsa(null, 2048);
            KeyEntry ec = TestKeys.ec(null, "P-256");
            Path enc = writePem(dir.resolve("enc.pem"), "PRIVATE KEY", rsa.key().getEncoded());
            Path sig = writePem(dir.resolve("sig.pub.pem"), "PUBLIC KEY", ec.publicKey().orElseThrow().getEncoded());
            String encKid = kid(enc);
            TokenIssuer issuer = TokenIssuer.builder()
                    .encryptionKey(KeyEntry.of(encKid, rsa.publicKey().orElseThrow(), null))
                    .signingKey(KeyEntry.of(kid(sig), ec.key(), ec.publicKey().orElseThrow()))
                    .build();
            return new KeyFiles(enc, sig, encKid, issuer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A token valid for ten minutes.
     *
     * @param clock the clock of {@code iat} and {@code exp}: the system clock for servers under test
     * @param iss the issuer
     * @param aud the audience
     * @param sub the subject
     * @param roles the roles ({@code groups})
     * @param scopes the scopes ({@code scope})
     * @return the nested token
     */
    public String mint(Clock clock, String iss, String aud, String sub, List<String> roles, List<String> scopes) {
        Map<String, Object> claims = TokenIssuer.claims(clock).issuer(iss).audience(aud).subject(sub)
                .expiresIn(Duration.ofMinutes(10)).roles(roles).scopes(scopes).build();
        return issuer.issue(claims);
    }

    private static String kid(Path file) {
        return KeySource.load(file.toString(), null).keys().all().get(0).kid().orElseThrow();
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
