package dev.jwe.samples.spring;

import dev.jwe.core.ConfigurationException;
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
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code jwe.decryption.keys} is configured (in {@code application.yml}, a
 * {@code JWE_DECRYPTION_KEYS} environment variable or {@code -Djwe.decryption.keys}), makes
 * development keys before the context starts: an RSA-2048 encryption key and an EC P-256 signing
 * key, written as PEM files to a temporary directory that is removed at exit, and given to the
 * starter as the lowest-precedence {@code jwe.decryption.keys} and {@code jwe.verification.keys}.
 * Registers {@link DevTokens} for {@code POST /dev/token} and says so in a banner. The starter then
 * binds them like any configured keys: the sample runs the same code path as production.
 */
final class DevelopmentKeys implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (env.containsProperty("jwe.decryption.keys")) {
            return;
        }
        if (env.containsProperty("jwe.verification.keys")) {
            throw new ConfigurationException("jwe.decryption.keys", "required when jwe.verification.keys is set:"
                    + " set both to use your own keys, or neither for development keys");
        }
        KeyPair encryption = generate("RSA", null);
        KeyPair signing = generate("EC", new ECGenParameterSpec("secp256r1"));
        Path decryptionKeys;
        Path verificationKeys;
        try {
            Path dir = Files.createTempDirectory("jwe-sample-keys");
            dir.toFile().deleteOnExit();
            decryptionKeys = pem(dir.resolve("enc.key.pem"), "PRIVATE KEY", encryption.getPrivate());
            verificationKeys = pem(dir.resolve("sig.pub.pem"), "PUBLIC KEY", signing.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the development keys", e);
        }
        env.getPropertySources().addLast(new MapPropertySource("jwe development keys", Map.of(
                "jwe.decryption.keys", decryptionKeys.toString(),
                "jwe.verification.keys", verificationKeys.toString())));
        TokenIssuer issuer = TokenIssuer.builder()
                .encryptionKey(KeyEntry.of(null, encryption.getPrivate(), encryption.getPublic()))
                .signingKey(KeyEntry.of(null, signing.getPrivate(), signing.getPublic()))
                .build();
        DevTokens tokens = new DevTokens(issuer, first(env, "jwe.issuer"), first(env, "jwe.audience"));
        context.getBeanFactory().registerSingleton("devTokens", tokens);
        System.out.print(ReadyReport.box("DEVELOPMENT KEYS -- NOT FOR PRODUCTION",
                "No jwe.decryption.keys is configured, so the sample made keys:",
                "  RSA 2048 decrypts tokens, EC P-256 signs the tokens of POST /dev/token;",
                "  PEM files in " + decryptionKeys.getParent().getFileName() + " under the temporary directory,",
                "  removed at exit.",
                "POST /dev/token is ON: anyone who reaches this port can mint tokens.",
                "Tokens: iss=" + tokens.iss() + " aud=" + tokens.aud(),
                "For your own keys and issuer set JWE_DECRYPTION_KEYS,",
                "JWE_VERIFICATION_KEYS, JWE_ISSUER and JWE_AUDIENCE (or jwe.* in",
                "application.yml); POST /dev/token is then off."));
    }

    private static String first(ConfigurableEnvironment env, String name) {
        String value = env.getProperty(name, "");
        return value.split(",")[0].trim();
    }

    private static Path pem(Path file, String type, Key key) throws IOException {
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n", StandardCharsets.US_ASCII);
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
            throw new IllegalStateException("This JVM cannot generate " + algorithm + " keys", e);
        }
    }
}
