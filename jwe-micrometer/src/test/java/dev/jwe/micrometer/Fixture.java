package dev.jwe.micrometer;

import dev.jwe.core.InMemoryRevocationStore;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.RevocationStoreException;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TestTokens;
import dev.jwe.core.TokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test keys, tokens and a validator whose key source and revocation store can be made to fail,
 * as a key file or a store cluster on our side would. One per test (the switches are state).
 */
final class Fixture {
    static final KeyEntry ENC = TestKeys.ec("enc-1", "P-256");
    static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    final AtomicBoolean keysDown = new AtomicBoolean();
    final AtomicBoolean storeDown = new AtomicBoolean();
    final KeySource decryptionKeys = new KeySource() {
        private final KeySet keys = KeySet.of(List.of(ENC));

        @Override
        public KeySet keys() {
            if (keysDown.get()) {
                throw new KeySourceException("test key source is down");
            }
            return keys;
        }
    };
    final RevocationStore store = new FailingStore(new InMemoryRevocationStore(TestKeys.CLOCK), storeDown);

    /** The test validator's builder: these keys, issuer, audience, fixed clock, this store, no listener yet. */
    JweTokenValidator.Builder validator() {
        return TestTokens.validator(decryptionKeys, KeySource.of(TestKeys.publicOnly(SIG))).revocationStore(store);
    }

    /** A valid token (sub alice, 10 minutes, a jti) for the test validator. */
    static String token() {
        return token(claims());
    }

    static TokenIssuer.ClaimsBuilder claims() {
        return TokenIssuer.claims(TestKeys.CLOCK).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE)
                .subject("alice").expiresIn(Duration.ofMinutes(10));
    }

    static String token(TokenIssuer.ClaimsBuilder claims) {
        return token(TestKeys.publicOnly(ENC), SIG, claims.build());
    }

    static String token(KeyEntry encryption, KeyEntry signing, Map<String, Object> claims) {
        return TokenIssuer.builder().encryptionKey(encryption).signingKey(signing).build().issue(claims);
    }

    /** Changes one character in the middle of the ciphertext segment: decryption fails. */
    static String tampered(String token) {
        String[] s = token.split("\\.", -1);
        int i = s[3].length() / 2;
        s[3] = s[3].substring(0, i) + (s[3].charAt(i) == 'A' ? 'B' : 'A') + s[3].substring(i + 1);
        return String.join(".", s);
    }

    /** An in-memory store that throws while {@code down} is set. */
    private static final class FailingStore implements RevocationStore {
        private final RevocationStore store;
        private final AtomicBoolean down;

        FailingStore(RevocationStore store, AtomicBoolean down) {
            this.store = store;
            this.down = down;
        }

        private void check() {
            if (down.get()) {
                throw new RevocationStoreException("test store is down");
            }
        }

        @Override
        public Instant revokeToken(String issuer, String jwtId, Instant expiresAt) {
            check();
            return store.revokeToken(issuer, jwtId, expiresAt);
        }

        @Override
        public Instant revokeSubject(String issuer, String subject, Instant issuedBefore) {
            check();
            return store.revokeSubject(issuer, subject, issuedBefore);
        }

        @Override
        public boolean isRevoked(String issuer, String jwtId, String subject, Instant issuedAt) {
            check();
            return store.isRevoked(issuer, jwtId, subject, issuedAt);
        }

        @Override
        public boolean recordUse(String issuer, String jwtId, Instant expiresAt) {
            check();
            return store.recordUse(issuer, jwtId, expiresAt);
        }

        @Override
        public Duration retention() {
            return store.retention();
        }

        @Override
        public Duration replayWindow() {
            return store.replayWindow();
        }
    }
}
