package dev.jwe.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWEDecryptionKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwe.core.AuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.InMemoryRevocationStore;
import dev.jwe.core.KeySource;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.TokenIssuer;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * One benchmark suite: fresh keys, one token minted by {@link TokenIssuer}, and every validator
 * under test configured for exactly that suite (same keys, same algorithm constraints, issuer,
 * audience, required {@code exp}). Tokens are minted at the real current time with a 24 h
 * lifetime so that the peers which only read the system clock (Nimbus, SmallRye) accept them for
 * the whole run; ours and raw jose4j evaluate at that same fixed instant.
 */
final class Fixture {
    /** The suites, in the order of the {@code @Param} list. */
    static final List<String> SUITES = List.of(
            "RSA-OAEP-256+A256GCM+RS256", "ECDH-ES+A256KW+A256GCM+ES256", "dir+A256GCM");

    static final String ISSUER = "https://issuer.example";
    static final String AUDIENCE = "api://orders";
    /** Prefix of the revoked {@code jti}s of {@link #storeWithRevokedOthers(int, Clock)}. */
    static final String REVOKED_JTI_PREFIX = "revoked-";
    private static final String ENC_KID = "enc-1";
    private static final String SIG_KID = "sig-1";
    private static final SecureRandom RANDOM = new SecureRandom();

    final String suite;
    /** JWE {@code alg}, {@code enc}, and inner JWS {@code alg} (null: unsigned claims). */
    final String alg;
    final String enc;
    final String sigAlg;
    final Clock clock;
    final String token;
    final String claimsJson;

    /** Decryption key: RSA or EC private key, or the AES secret for dir. */
    final java.security.Key decryptionKey;
    final PublicKey encryptionPublicKey;
    /** The signer's public key (null for the unsigned dir suite). */
    final PublicKey verificationKey;
    /** The signer's private key (null for the unsigned dir suite). */
    final PrivateKey signingKey;

    Fixture(String suite) {
        this.suite = suite;
        String[] parts = suite.split("\\+");
        this.sigAlg = switch (suite) {
            case "RSA-OAEP-256+A256GCM+RS256" -> "RS256";
            case "ECDH-ES+A256KW+A256GCM+ES256" -> "ES256";
            case "dir+A256GCM" -> null;
            default -> throw new IllegalArgumentException("unknown suite " + suite);
        };
        this.alg = suite.startsWith("ECDH-ES+") ? parts[0] + "+" + parts[1] : parts[0];
        this.enc = "A256GCM";
        this.clock = Clock.fixed(Instant.ofEpochSecond(Instant.now().getEpochSecond()), ZoneOffset.UTC);
        switch (alg) {
            case "RSA-OAEP-256" -> {
                KeyPair enc = pair("RSA", 2048, null);
                KeyPair sig = pair("RSA", 2048, null);
                decryptionKey = enc.getPrivate();
                encryptionPublicKey = enc.getPublic();
                signingKey = sig.getPrivate();
                verificationKey = sig.getPublic();
            }
            case "ECDH-ES+A256KW" -> {
                KeyPair enc = pair("EC", 0, new ECGenParameterSpec("secp256r1"));
                KeyPair sig = pair("EC", 0, new ECGenParameterSpec("secp256r1"));
                decryptionKey = enc.getPrivate();
                encryptionPublicKey = enc.getPublic();
                signingKey = sig.getPrivate();
                verificationKey = sig.getPublic();
            }
            default -> {
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                decryptionKey = new SecretKeySpec(secret, "AES");
                encryptionPublicKey = null;
                signingKey = null;
                verificationKey = null;
            }
        }
        Map<String, Object> claims = claims(clock);
        this.claimsJson = org.jose4j.json.JsonUtil.toJson(claims);
        this.token = mint(claims);
    }

    /**
     * Amazon Corretto Crypto Provider's singleton, not installed; fails when its native library
     * did not load (a benchmark must not silently measure the JDK instead).
     */
    static java.security.Provider accp() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        if (accp.getLoadingError() != null) {
            throw new IllegalStateException("Amazon Corretto Crypto Provider did not load: " + accp.getLoadingError());
        }
        return accp;
    }

    /** Typical access-token claims: iss, aud, sub, iat, exp (+24 h), a random jti, groups, scope. */
    static Map<String, Object> claims(Clock clock) {
        return claims(clock, UUID.randomUUID().toString());
    }

    /** As {@link #claims(Clock)}, with the given {@code jti}. */
    static Map<String, Object> claims(Clock clock, String jti) {
        return TokenIssuer.claims(clock).issuer(ISSUER).audience(AUDIENCE).subject("alice").claim("jti", jti)
                .expiresIn(Duration.ofHours(24)).roles(List.of("user", "orders-admin"))
                .scopes(List.of("orders:read", "orders:write")).build();
    }

    /** Mints another token of this suite with the same keys (for the cache footprint). */
    String mint(Map<String, Object> claims) {
        TokenIssuer.Builder b = TokenIssuer.builder()
                .encryptionKey(encryptionPublicKey != null
                        ? KeyEntry.of(ENC_KID, encryptionPublicKey, encryptionPublicKey)
                        : KeyEntry.of(ENC_KID, decryptionKey, null))
                .keyManagementAlgorithm(alg).contentEncryptionAlgorithm(enc);
        if (sigAlg == null) {
            b.unsigned();
        } else {
            b.signingKey(KeyEntry.of(SIG_KID, signingKey, verificationKey)).signatureAlgorithm(sigAlg);
        }
        return b.build().issue(claims);
    }

    /**
     * The default in-memory revocation store holding {@code count} revoked {@code jti}s of other
     * tokens of this issuer ({@code revoked-0} ...), none of them the benchmark token's.
     *
     * @param count how many
     * @param clock the store's clock
     */
    static RevocationStore storeWithRevokedOthers(int count, Clock clock) {
        RevocationStore store = new InMemoryRevocationStore(clock);
        Instant exp = clock.instant().plus(Duration.ofHours(24));
        for (int i = 0; i < count; i++) {
            store.revokeToken(ISSUER, REVOKED_JTI_PREFIX + i, exp);
        }
        return store;
    }

    private static KeyPair pair(String algorithm, int bits, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            } else {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ours, configured like the peers: one alg, one enc, one signature alg, iss, aud; with the
     * default revocation store (in memory, empty).
     */
    JweTokenValidator jwe(int cacheMaxEntries) {
        return jweBuilder(cacheMaxEntries).build();
    }

    /** As {@link #jwe(int)}, consulting the given revocation store. */
    JweTokenValidator jwe(int cacheMaxEntries, RevocationStore revocations) {
        return jweBuilder(cacheMaxEntries).revocationStore(revocations).build();
    }

    /**
     * The builder behind {@link #jwe(int)}: this suite's keys and algorithms, issuer, audience,
     * this fixture's clock, {@link AuditListener#NOOP}; callers may change any of it.
     */
    JweTokenValidator.Builder jweBuilder(int cacheMaxEntries) {
        JweTokenValidator.Builder b = JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(KeyEntry.of(ENC_KID, decryptionKey, encryptionPublicKey)))
                .keyManagementAlgorithms(List.of(alg))
                .contentEncryptionAlgorithms(List.of(enc))
                .issuer(ISSUER).audience(AUDIENCE)
                .clock(clock)
                .auditListener(AuditListener.NOOP)
                .cacheMaxEntries(cacheMaxEntries);
        if (sigAlg == null) {
            b.allowUnsignedWithSymmetricKeyManagement();
        } else {
            b.verificationKeys(KeySource.of(KeyEntry.of(SIG_KID, verificationKey, null)))
                    .signatureAlgorithms(List.of(sigAlg));
        }
        return b;
    }

    /** Raw jose4j, configured as its documentation recommends. */
    JwtConsumer jose4j() {
        JwtConsumerBuilder b = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setEvaluationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                .setDecryptionKey(decryptionKey)
                .setEnableRequireEncryption()
                .setJweAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, alg))
                .setJweContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, enc));
        if (sigAlg == null) {
            b.setDisableRequireSignature().setEnableRequireIntegrity();
        } else {
            b.setVerificationKey(verificationKey)
                    .setJwsAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT, sigAlg));
        }
        return b.build();
    }

    /** Nimbus DefaultJWTProcessor with JWE and JWS key selectors and a claims verifier. */
    DefaultJWTProcessor<SecurityContext> nimbus() {
        JWK decryption = switch (alg) {
            case "RSA-OAEP-256" -> new RSAKey.Builder((RSAPublicKey) encryptionPublicKey)
                    .privateKey((PrivateKey) decryptionKey).keyID(ENC_KID).build();
            case "ECDH-ES+A256KW" -> new ECKey.Builder(Curve.P_256, (ECPublicKey) encryptionPublicKey)
                    .privateKey((PrivateKey) decryptionKey).keyID(ENC_KID).build();
            default -> new OctetSequenceKey.Builder((SecretKey) decryptionKey).keyID(ENC_KID).build();
        };
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWEKeySelector(new JWEDecryptionKeySelector<>(JWEAlgorithm.parse(alg), EncryptionMethod.parse(enc),
                new ImmutableJWKSet<>(new JWKSet(decryption))));
        if (sigAlg != null) {
            JWK verification = verificationKey instanceof RSAPublicKey rsa
                    ? new RSAKey.Builder(rsa).keyID(SIG_KID).build()
                    : new ECKey.Builder(Curve.P_256, (ECPublicKey) verificationKey).keyID(SIG_KID).build();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(sigAlg),
                    new ImmutableJWKSet<>(new JWKSet(verification))));
        }
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(AUDIENCE),
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp"), null));
        return p;
    }

    /**
     * SmallRye JWT's parser with decryption and verification keys. For dir it runs decryption
     * only (SmallRye's "encrypt-only" protection level), which it supports with a secret key.
     */
    DefaultJWTParser smallrye() {
        JWTAuthContextInfo ctx = new JWTAuthContextInfo();
        ctx.setIssuedBy(ISSUER);
        ctx.setExpectedAudience(Set.of(AUDIENCE));
        ctx.setClockSkew(30);
        ctx.setKeyEncryptionAlgorithm(Set.of(KeyEncryptionAlgorithm.fromAlgorithm(alg)));
        if (decryptionKey instanceof SecretKey s) {
            ctx.setSecretDecryptionKey(s);
        } else {
            ctx.setPrivateDecryptionKey((PrivateKey) decryptionKey);
        }
        if (sigAlg != null) {
            ctx.setPublicVerificationKey(verificationKey);
            ctx.setSignatureAlgorithm(Set.of(SignatureAlgorithm.fromAlgorithm(sigAlg)));
        }
        return new DefaultJWTParser(ctx);
    }
}
