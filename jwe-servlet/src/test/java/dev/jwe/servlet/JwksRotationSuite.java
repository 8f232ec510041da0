package dev.jwe.servlet;

import static dev.jwe.servlet.AuthenticationSuite.assertAuthenticatedAs;
import static dev.jwe.servlet.AuthenticationSuite.assertChallenge;
import static dev.jwe.servlet.AuthenticationSuite.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.Reason;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decryption key file rotates under a running server: the JWKS servlet publishes the new
 * public key and no longer the old one, and the filter decrypts with the new key and no longer
 * with the old one, because both come from {@code jwe.decryption.keys} the same way (a reloading
 * key file, {@code jwe.keys.reload-interval=PT1S} here). Every published key carries
 * {@code "use": "enc"} and the {@code alg} it is accepted with (the PEM files have none), before
 * and after the rotation, so an issuer that chooses keys by {@code alg} as Keycloak does
 * ({@link KeycloakStyleSelector}) finds it. Deployed from {@code rotation-web.xml}.
 */
abstract class JwksRotationSuite {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** The container under test. */
    abstract ServletContainer container();

    private static KeySet published(Http http) {
        Http.Reply r = http.get("/jwks.json");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return KeySource.load(r.body(), null).keys();
    }

    private static String tokenFor(KeyEntry encryptionKey, KeyFiles keys, TestApp app) {
        return TokenIssuer.builder().encryptionKey(encryptionKey).signingKey(keys.signing()).build()
                .issue(app.claims("alice"));
    }

    /** Waits for a change that the servers pick up at their next look at the file. */
    private static void eventually(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void jwksWhenDecryptionKeyFileRotatesThenNewPublicKeyPublishedAndOldOneGone(@TempDir Path dir) throws Exception {
        TestApp app = new TestApp(dir, Clock.systemUTC());
        KeyFiles before = app.keys();
        String oldKid = before.decryption().kid().orElseThrow();
        ServletContainer.Running server = container().start(app.webXml(dir, "rotation-web.xml"), dir.resolve("work"));
        try {
            Http http = new Http(server.base());
            assertThat(published(http).keyIds()).containsExactly(oldKid);
            assertAuthenticatedAs(http.get("/api/orders", "Authorization",
                    bearer(tokenFor(published(http).all().get(0), before, app))), "alice");

            KeyFiles after = before.withNewDecryptionKey(2048);
            String newKid = after.decryption().kid().orElseThrow();
            assertThat(newKid).isNotEqualTo(oldKid);

            eventually("the JWKS URL publishes " + newKid, () -> published(http).keyIds().contains(newKid));
            KeySet now = published(http);
            assertThat(now.keyIds()).containsExactly(newKid).doesNotContain(oldKid);
            assertThat(((RSAPublicKey) now.all().get(0).publicKey().orElseThrow()).getModulus())
                    .isEqualTo(((RSAPublicKey) after.decryption().publicKey().orElseThrow()).getModulus());

            // What an issuer now encrypts to is what the filter decrypts with.
            KeyEntry fetched = now.all().get(0);
            eventually("the filter accepts a token encrypted to the published key", () -> http.get("/api/orders",
                    "Authorization", bearer(tokenFor(fetched, after, app))).status() == 200);
            assertAuthenticatedAs(http.get("/api/orders", "Authorization", bearer(tokenFor(fetched, after, app))),
                    "alice");
            assertChallenge(http.get("/api/orders", "Authorization", bearer(app.validToken())), Reason.UNKNOWN_KEY);
        } finally {
            server.stop();
        }
    }

    @Test
    void jwksWhenKeyFileRotatesFromRsaToEcThenKeycloakStyleSelectorFindsEachByAlgAndFilterAcceptsIt(@TempDir Path dir)
            throws Exception {
        TestApp app = new TestApp(dir, Clock.systemUTC());
        KeyFiles before = app.keys();
        ServletContainer.Running server = container().start(app.webXml(dir, "rotation-web.xml"), dir.resolve("work"));
        try {
            Http http = new Http(server.base());
            String jwks = http.get("/jwks.json").body();
            assertThat(published(http).all()).allSatisfy(k -> {
                assertThat(k.algorithm()).contains("RSA-OAEP-256");
                assertThat(k.use()).contains("enc");
            });
            KeyEntry chosen = KeycloakStyleSelector.select(jwks, "RSA-OAEP-256").orElseThrow(
                    () -> new AssertionError("a Keycloak client with RSA-OAEP-256 finds no key in " + jwks));
            assertThat(chosen.kid()).isEqualTo(before.decryption().kid());
            assertThat(KeycloakStyleSelector.select(jwks, "ECDH-ES+A256KW")).isEmpty();
            assertAuthenticatedAs(http.get("/api/orders", "Authorization", bearer(tokenFor(chosen, before, app))),
                    "alice");

            KeyFiles after = before.withNewDecryptionKey(TestKeys.ec(null, "P-256"));
            String newKid = after.decryption().kid().orElseThrow();
            eventually("the JWKS URL publishes the EC key " + newKid, () -> published(http).keyIds().contains(newKid));
            String rotated = http.get("/jwks.json").body();
            KeyEntry chosenAfter = KeycloakStyleSelector.select(rotated, "ECDH-ES+A256KW").orElseThrow(
                    () -> new AssertionError("a Keycloak client with ECDH-ES+A256KW finds no key in " + rotated));
            assertThat(chosenAfter.kid()).contains(newKid);
            assertThat(KeycloakStyleSelector.select(rotated, "RSA-OAEP-256")).isEmpty();
            assertThat(published(http).all()).singleElement().satisfies(k -> assertThat(k.use()).contains("enc"));
            eventually("the filter accepts a token encrypted to the chosen EC key", () -> http.get("/api/orders",
                    "Authorization", bearer(tokenFor(chosenAfter, after, app))).status() == 200);
            assertAuthenticatedAs(http.get("/api/orders", "Authorization", bearer(tokenFor(chosenAfter, after, app))),
                    "alice");
        } finally {
            server.stop();
        }
    }
}
