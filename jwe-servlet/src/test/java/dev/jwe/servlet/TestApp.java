package dev.jwe.servlet;

import dev.jwe.core.AuditEvent;
import dev.jwe.core.AuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application under test, deployable from a real web.xml or by registration in code: an
 * {@link EchoServlet} on {@code /api/*} and {@code /public/*}, the filter {@code jwe} on
 * {@code /api/*} (realm {@code orders}, {@code /api/health} and {@code /api/status/*} excluded,
 * preflight allowed, cookie {@code access_token}), the filter {@code jwe-anonymous} on
 * {@code /public/*} (anonymous, header {@code X-Access-Token}), a second filter {@code jwe-again}
 * on {@code /api/twice/*} (mapped twice), and the JWKS servlet on {@code /jwks.json}. Both
 * deployments configure the same behaviour; the tokens are minted with the app's clock.
 */
final class TestApp {
    static final String CONTEXT_PATH = "/app";
    static final String REALM = "orders";

    private final KeyFiles keys;
    private final Clock clock;
    private final TokenIssuer issuer;
    private final TokenIssuer unknownKidIssuer;
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final AtomicBoolean keysDown = new AtomicBoolean();

    /**
     * @param dir where the key files go
     * @param clock the clock of the validator: {@link TestKeys#CLOCK} when the test builds the
     *     validator, the system clock for web.xml (which builds its own)
     */
    TestApp(Path dir, Clock clock) {
        this.keys = KeyFiles.create(dir.resolve("keys"), 2048);
        this.clock = clock;
        KeyEntry publicHalf = TestKeys.publicOnly(keys.decryption());
        this.issuer = TokenIssuer.builder().encryptionKey(publicHalf).signingKey(keys.signing()).build();
        KeyEntry stranger = KeyEntry.of("stranger", publicHalf.key(), publicHalf.publicKey().orElseThrow());
        this.unknownKidIssuer = TokenIssuer.builder().encryptionKey(stranger).signingKey(keys.signing()).build();
    }

    KeyFiles keys() {
        return keys;
    }

    /** Valid claims now: iss, aud, sub, iat, exp (+10 min), jti, groups [user], tenant acme. */
    Map<String, Object> claims(String subject) {
        return TokenIssuer.claims(clock).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).subject(subject)
                .expiresIn(Duration.ofMinutes(10)).roles(List.of("user")).scopes(List.of("orders:read"))
                .claim("tenant", "acme").build();
    }

    String token(Map<String, Object> claims) {
        return issuer.issue(claims);
    }

    String validToken() {
        return token(claims("alice"));
    }

    String expiredToken() {
        Map<String, Object> claims = claims("alice");
        long now = clock.instant().getEpochSecond();
        claims.put("iat", now - 7200);
        claims.put("exp", now - 3600);
        return token(claims);
    }

    String wrongAudienceToken() {
        Map<String, Object> claims = claims("alice");
        claims.put("aud", "api://someone-else");
        return token(claims);
    }

    /** A valid token with one character of its ciphertext changed. */
    String tamperedToken() {
        String[] parts = validToken().split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        ciphertext[10] = ciphertext[10] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);
        return String.join(".", parts);
    }

    /** Encrypted to the right key, but naming a key id that is not configured. */
    String unknownKidToken() {
        return unknownKidIssuer.issue(claims("alice"));
    }

    /** The audit events of the validator built in code (web.xml uses the default SLF4J audit log). */
    List<AuditEvent> audit() {
        return audit;
    }

    /** Makes the key source of the code-registered app fail (503) or work again. */
    void keysDown(boolean down) {
        keysDown.set(down);
    }

    /** The app from the test web.xml, copied to {@code dir} with the key file paths filled in. */
    ServletContainer.Deployment webXml(Path dir) {
        return webXml(dir, "webapp/WEB-INF/web.xml");
    }

    /** The same, from another web.xml template (misconfigured ones). */
    ServletContainer.Deployment webXml(Path dir, String template) {
        try {
            Path docBase = dir.resolve("webapp");
            Path webInf = Files.createDirectories(docBase.resolve("WEB-INF"));
            Path config = Files.writeString(webInf.resolve("jwe.properties"), "jwe.realm=" + REALM + "\n");
            String xml = resource(template)
                    .replace("@DECRYPTION_KEYS@", keys.decryptionKeyFile().toString())
                    .replace("@VERIFICATION_KEYS@", keys.verificationKeyFile().toString())
                    .replace("@CONFIG@", config.toString());
            Files.writeString(webInf.resolve("web.xml"), xml);
            return new ServletContainer.WebXml(docBase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TestApp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The same app registered in code, with a validator on {@link #clock} that records audit events. */
    ServletContainer.Deployment programmatic() {
        KeySet decryption = KeySet.of(List.of(keys.decryption()));
        KeySource decryptionKeys = () -> {
            if (keysDown.get()) {
                throw new KeySourceException("Test key source is down");
            }
            return decryption;
        };
        AuditListener recorder = new AuditListener() {
            @Override
            public void onAccepted(AuditEvent event) {
                audit.add(event);
            }

            @Override
            public void onRejected(AuditEvent event) {
                audit.add(event);
            }
        };
        JweTokenValidator validator = JweTokenValidator.builder()
                .decryptionKeys(decryptionKeys)
                .verificationKeys(KeySource.of(TestKeys.publicOnly(keys.signing())))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .clock(clock).auditListener(recorder).build();
        ServletContainerInitializer init = (classes, context) -> register(context, validator, decryptionKeys);
        return new ServletContainer.Programmatic(init);
    }

    private static void register(ServletContext context, JweTokenValidator validator, KeySource decryptionKeys) {
        context.addServlet("echo", new EchoServlet()).addMapping("/api/*", "/public/*");
        context.addServlet("jwks", new JwksPublishingServlet(decryptionKeys)).addMapping("/jwks.json");

        FilterRegistration.Dynamic jwe = context.addFilter("jwe", new JweAuthenticationFilter(validator));
        jwe.setInitParameter("jwe.realm", REALM);
        jwe.setInitParameter("jwe.exclude-paths", "/api/health, /api/status/*");
        jwe.setInitParameter("jwe.allow-preflight", "true");
        jwe.setInitParameter("jwe.token-cookie", "access_token");
        jwe.setInitParameter("jwe.replay.paths", "/api/payments/*");
        jwe.addMappingForUrlPatterns(null, false, "/api/*");

        FilterRegistration.Dynamic again = context.addFilter("jwe-again", new JweAuthenticationFilter(validator));
        again.setInitParameter("jwe.realm", REALM);
        again.addMappingForUrlPatterns(null, true, "/api/twice/*");

        FilterRegistration.Dynamic anonymous = context.addFilter("jwe-anonymous",
                new JweAuthenticationFilter(validator));
        anonymous.setInitParameter("jwe.realm", REALM);
        anonymous.setInitParameter("jwe.anonymous", "true");
        anonymous.setInitParameter("jwe.token-header", "X-Access-Token");
        anonymous.addMappingForUrlPatterns(null, true, "/public/*");
    }
}
