package dev.jwe.cli;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keys written to a temporary directory, the settings that name them, and tokens made for them. */
final class Fixture {
    static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    final Path encPrivate;
    final Path encPublic;
    final Path sigPrivate;
    final Path sigPublic;

    Fixture(Path dir) throws IOException {
        encPrivate = Cli.privateJwks(dir, "enc.jwks.json", ENC);
        encPublic = Cli.publicJwks(dir, "enc.pub.json", ENC);
        sigPrivate = Cli.privateJwks(dir, "sig.jwks.json", SIG);
        sigPublic = Cli.publicJwks(dir, "sig.pub.json", SIG);
    }

    /** The settings a validator needs, as --set options, followed by {@code more}. */
    String[] settings(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--set", "jwe.decryption.keys=" + encPrivate,
                "--set", "jwe.verification.keys=" + sigPublic,
                "--set", "jwe.issuer=" + TestKeys.ISSUER,
                "--set", "jwe.audience=" + TestKeys.AUDIENCE));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** The command followed by the settings and {@code more}. */
    String[] command(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of(settings(more)));
        return args.toArray(new String[0]);
    }

    static String token(Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(ENC)).signingKey(SIG).build().issue(claims);
    }

    static String validToken() {
        return token(TestKeys.claims());
    }

    static String expiredToken() {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("exp", TestKeys.NOW.getEpochSecond() - 3600);
        claims.put("iat", TestKeys.NOW.getEpochSecond() - 7200);
        return token(claims);
    }

    static String wrongAudienceToken() {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("aud", "api://other");
        return token(claims);
    }

    /** One character in the middle of the ciphertext changed: the tag no longer verifies. */
    static String tampered(String token) {
        String[] parts = token.split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        int i = ciphertext.length / 2;
        ciphertext[i] = ciphertext[i] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);
        return String.join(".", parts);
    }
}
