package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link JweTokenValidator.Builder}'s inputs into an immutable {@link ValidationPolicy}
 * and the {@link ValidatorState} beside it. Checks every option and combination, in a fixed
 * order, and fails with a {@link ConfigurationException} naming the setting; logs the effective
 * policy and every opt-out once. Stateless.
 */
final class PolicyCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(JweTokenValidator.class);

    /**
     * A compiled validator configuration.
     *
     * @param policy what a token must be
     * @param state the cache, store and audit trail
     */
    record Compiled(ValidationPolicy policy, ValidatorState state) {
    }

    private PolicyCompiler() {
    }

    /**
     * @param b the builder's inputs
     * @return the policy and the state
     * @throws ConfigurationException naming the setting that is wrong
     */
    static Compiled compile(JweTokenValidator.Builder b) {
        KeySet decryption = decryptionKeys(b.decryptionKeys);
        List<TrustedIssuer> discovered = discoveredIssuers(b);
        if (!discovered.isEmpty()) {
            b.trustedIssuers.addAll(discovered);
            b.issuers = null;
        }
        Set<String> km = keyManagement(b.keyManagementAlgorithms, decryption);
        Set<String> ce = contentEncryption(b.contentEncryptionAlgorithms);
        List<IssuerTrust.Issuer> trusted = List.of();
        Set<String> sig;
        if (b.trustedIssuers.isEmpty()) {
            KeySet verification = verificationKeys(b.verificationKeys, "jwe.verification.keys");
            sig = signature(b.signatureAlgorithms, verification, b.verificationKeys, anySymmetric(verification));
            requireVerificationKeys(km, sig, verification, b.verificationKeys, b.signatureRequired,
                    "jwe.verification.keys");
            checkExpected("jwe.issuer", "jwe.ignore-issuer", b.issuers, b.ignoreIssuer);
            checkExpected("jwe.audience", "jwe.ignore-audience", b.audiences, b.ignoreAudience);
        } else {
            trusted = IssuerTrust.compile(b, km);
            sig = new LinkedHashSet<>();
            for (IssuerTrust.Issuer i : trusted) {
                sig.addAll(i.signature());
            }
            if (b.ignoreAudience && b.audiences != null) {
                throw new ConfigurationException("jwe.audience", "set together with jwe.ignore-audience; choose one");
            }
        }
        checkTokenLimits(b);
        checkCache(b);
        requireNames(b.principalClaims, "jwe.principal-claim");
        requireNames(b.rolesClaims, "jwe.roles-claim");
        requireNames(b.scopeClaims, "jwe.scope-claim");

        Set<String> issuers = b.ignoreIssuer ? null : trusted.isEmpty() ? Set.copyOf(b.issuers)
                : trusted.stream().map(IssuerTrust.Issuer::issuer).collect(java.util.stream.Collectors.toSet());
        ValidationPolicy policy = new ValidationPolicy(b.decryptionKeys, b.verificationKeys, km, ce, sig,
                b.signatureRequired, issuers, b.ignoreAudience || b.audiences == null ? null : Set.copyOf(b.audiences),
                b.clockSkew, b.maxTokenLength, b.maxLifetime, b.requiredClaims,
                b.tokenType == null ? null : ClaimsCheck.normalizeType(b.tokenType), b.principalClaims,
                b.rolesClaims, b.scopeClaims, trusted, b.clock, CryptoProviderSelection.select(b.cryptoProvider));
        RevocationStore store = b.revocationStore != null ? b.revocationStore
                : b.revocationStoreFactory != null ? b.revocationStoreFactory.apply(b.clock)
                : new InMemoryRevocationStore(b.clock);
        ValidatorState state = new ValidatorState(
                b.cacheMaxEntries == 0 ? null
                        : new VerifiedTokenCache(b.cacheMaxEntries, b.cacheMaxTtl, b.cacheRejectTtl, b.clockSkew, b.clock),
                new RevocationCheck(store, b.revocationFailOpen, b.replayProtection, b.replayFailOpen, b.clockSkew,
                        b.clock),
                AuditTrail.of(b.audit, b.clock));
        logStartup(b, policy, state, store);
        return new Compiled(policy, state);
    }

    /**
     * {@code jwe.issuer} URLs without verification keys (from {@link JweSettings}, and none given
     * in code either): each issuer's keys discovered, each trusting its own tokens only.
     */
    private static List<TrustedIssuer> discoveredIssuers(JweTokenValidator.Builder b) {
        if (b.discoverIssuerKeys == null || b.verificationKeys != null || !b.trustedIssuers.isEmpty()
                || b.issuers == null || b.ignoreIssuer) {
            return List.of();
        }
        return b.issuers.stream().map(i -> TrustedIssuer.fromIssuerSetting(i, b.discoverIssuerKeys.apply(i))).toList();
    }

    /** Required; private or secret keys only, of sufficient strength. */
    private static KeySet decryptionKeys(KeySource source) {
        if (source == null) {
            throw new ConfigurationException("jwe.decryption.keys", "required: the keys that decrypt tokens");
        }
        KeySet decryption = load(source, "jwe.decryption.keys");
        if (decryption.isEmpty()) {
            throw new ConfigurationException("jwe.decryption.keys", "no keys found");
        }
        for (KeyEntry k : decryption.all()) {
            if (!k.isPrivate() && !k.isSymmetric()) {
                throw new ConfigurationException("jwe.decryption.keys", "key " + k.kid().orElse("(no kid)")
                        + " is a public key; decryption needs the private key");
            }
            checkStrength(k, "jwe.decryption.keys");
        }
        return decryption;
    }

    /**
     * Optional here (see {@link #requireVerificationKeys}); of sufficient strength, HMAC keys at
     * least 256 bits. {@code setting} names the keys in messages.
     */
    static KeySet verificationKeys(KeySource source, String setting) {
        KeySet verification = source == null ? KeySet.empty() : load(source, setting);
        for (KeyEntry k : verification.all()) {
            checkStrength(k, setting);
            if (k.isSymmetric() && k.secretKeyLength() >= 0 && k.secretKeyLength() < 32) {
                throw new ConfigurationException(setting, "symmetric key "
                        + k.kid().orElse("(no kid)") + " is shorter than 256 bits");
            }
        }
        return verification;
    }

    /** The listed algorithms (none refused, all supported), else those the decryption keys fit. */
    private static Set<String> keyManagement(List<String> listed, KeySet decryption) {
        Set<String> km = new LinkedHashSet<>();
        if (listed != null) {
            for (String alg : listed) {
                if (Algorithms.isForbidden(alg)) {
                    throw new ConfigurationException("jwe.key-management-algorithms", alg
                            + " is refused and cannot be enabled");
                }
                if (!Algorithms.KEY_MANAGEMENT.contains(alg)) {
                    throw new ConfigurationException("jwe.key-management-algorithms", "unsupported algorithm "
                            + alg + "; supported: " + Algorithms.KEY_MANAGEMENT);
                }
                km.add(alg);
            }
        } else {
            for (KeyEntry k : decryption.all()) {
                km.addAll(KeyFit.defaultKeyManagement(k));
            }
        }
        if (km.isEmpty()) {
            throw new ConfigurationException("jwe.key-management-algorithms",
                    "none: no decryption key fits a supported algorithm");
        }
        return km;
    }

    /** The listed algorithms (all supported, at least one), else every supported one. */
    private static Set<String> contentEncryption(List<String> listed) {
        Set<String> ce = new LinkedHashSet<>(listed != null ? listed : Algorithms.CONTENT_ENCRYPTION);
        for (String enc : ce) {
            if (!Algorithms.CONTENT_ENCRYPTION.contains(enc)) {
                throw new ConfigurationException("jwe.content-encryption-algorithms", "unsupported algorithm "
                        + enc + "; supported: " + Algorithms.CONTENT_ENCRYPTION);
            }
        }
        if (ce.isEmpty()) {
            throw new ConfigurationException("jwe.content-encryption-algorithms", "must not be empty");
        }
        return ce;
    }

    /**
     * The listed algorithms (none refused, all supported, HS* only with a symmetric key), else
     * those the verification keys fit, plus every asymmetric one for a remote key set.
     */
    static Set<String> signature(List<String> listed, KeySet verification, KeySource source, boolean anySymmetric) {
        Set<String> sig = new LinkedHashSet<>();
        if (listed != null) {
            for (String alg : listed) {
                if (Algorithms.isForbidden(alg)) {
                    throw new ConfigurationException("jwe.signature-algorithms", alg + " is refused and cannot be enabled");
                }
                if (!Algorithms.SIGNATURE.contains(alg)) {
                    throw new ConfigurationException("jwe.signature-algorithms", "unsupported algorithm " + alg
                            + "; supported: " + Algorithms.SIGNATURE);
                }
                if (alg.startsWith("HS") && !anySymmetric) {
                    throw new ConfigurationException("jwe.signature-algorithms", alg
                            + " needs a symmetric verification key in jwe.verification.keys");
                }
                sig.add(alg);
            }
            return sig;
        }
        for (KeyEntry k : verification.all()) {
            sig.addAll(KeyFit.defaultSignature(k));
        }
        if (source != null && source.isRemote()) {
            // A remote key set may rotate to another key type: allow every asymmetric
            // algorithm (never HS*: a published key set holds no shared secrets).
            for (String alg : Algorithms.SIGNATURE) {
                if (!alg.startsWith("HS")) {
                    sig.add(alg);
                }
            }
        }
        return sig;
    }

    private static boolean anySymmetric(KeySet keys) {
        for (KeyEntry k : keys.all()) {
            if (k.isSymmetric()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Verification keys are required when signatures are (always under public-key key
     * management): a listed signature algorithm without any key would refuse every token.
     */
    static void requireVerificationKeys(Set<String> km, Set<String> sig, KeySet verification,
            KeySource source, boolean signatureRequired, String setting) {
        boolean anyPublicKeyManagement = false;
        for (String alg : km) {
            anyPublicKeyManagement |= Algorithms.isPublicKeyManagement(alg);
        }
        boolean noVerificationKeys = verification.isEmpty() && (source == null || !source.isRemote());
        if ((sig.isEmpty() || noVerificationKeys) && (signatureRequired || anyPublicKeyManagement)) {
            throw new ConfigurationException(setting, anyPublicKeyManagement
                    ? "required: tokens encrypted to a public key (RSA-OAEP*, ECDH-ES*) must carry a signed JWT,"
                            + " and no verification key fits a supported signature algorithm"
                    : "required unless jwe.signature.required=false: no verification key fits a supported"
                            + " signature algorithm");
        }
    }

    /** Issuer or audience: expected values, or the explicit opt-out, never both nor neither. */
    private static void checkExpected(String setting, String ignoreSetting, List<String> values, boolean ignore) {
        if (ignore && values != null) {
            throw new ConfigurationException(setting, "set together with " + ignoreSetting + "; choose one");
        }
        if (!ignore && (values == null || values.isEmpty())) {
            throw new ConfigurationException(setting, "required (or set " + ignoreSetting + "=true on purpose)");
        }
    }

    private static void checkTokenLimits(JweTokenValidator.Builder b) {
        if (b.clockSkew.isNegative() || b.clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigurationException("jwe.clock-skew", "must be between PT0S and PT5M");
        }
        if (b.maxTokenLength < 256 || b.maxTokenLength > 1024 * 1024) {
            throw new ConfigurationException("jwe.max-token-length", "must be between 256 and 1048576");
        }
        if (b.maxLifetime != null && (b.maxLifetime.isNegative() || b.maxLifetime.isZero())) {
            throw new ConfigurationException("jwe.max-lifetime", "must be positive");
        }
        if (b.tokenType != null && b.tokenType.isBlank()) {
            throw new ConfigurationException("jwe.token-type", "must not be blank");
        }
    }

    private static void checkCache(JweTokenValidator.Builder b) {
        if (b.cacheMaxEntries < 0 || b.cacheMaxEntries > 10_000_000) {
            throw new ConfigurationException("jwe.cache.max-entries", "must be between 0 (off) and 10000000");
        }
        if (b.cacheMaxTtl.isNegative() || b.cacheMaxTtl.isZero() || b.cacheMaxTtl.compareTo(Duration.ofHours(24)) > 0) {
            throw new ConfigurationException("jwe.cache.max-ttl", "must be positive and at most PT24H");
        }
        if (b.cacheRejectTtl.isNegative() || b.cacheRejectTtl.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigurationException("jwe.cache.reject-ttl", "must be between PT0S (off) and PT5M");
        }
    }

    /** A list of claim names: at least one, none blank. */
    static void requireNames(List<String> names, String setting) {
        if (names.isEmpty()) {
            throw new ConfigurationException(setting, "must not be blank: name at least one claim");
        }
        for (String name : names) {
            if (name.isBlank()) {
                throw new ConfigurationException(setting, "must not be blank");
            }
        }
    }

    private static KeySet load(KeySource source, String setting) {
        try {
            KeySet keys = source.keys();
            if (keys == null) {
                throw new ConfigurationException(setting, "the key source returned no key set");
            }
            return keys;
        } catch (KeySourceException e) {
            if (source.isRemote()) {
                // jwe.verification.fetch-at-start=false: start without keys; requests get
                // 503 until the first fetch succeeds.
                LOG.warn("jwe: {}: {}; starting without these keys", setting, e.getMessage());
                return KeySet.empty();
            }
            throw new ConfigurationException(setting, e.getMessage(), e);
        }
    }

    private static void checkStrength(KeyEntry k, String setting) {
        int bits = Algorithms.rsaBits(k.key());
        if (bits >= 0 && bits < Algorithms.MIN_RSA_BITS) {
            throw new ConfigurationException(setting, "RSA key " + k.kid().orElse("(no kid)") + " has " + bits
                    + " bits; at least " + Algorithms.MIN_RSA_BITS + " are required");
        }
        if (k.isSymmetric() && k.secretKeyLength() >= 0 && k.secretKeyLength() < 16) {
            throw new ConfigurationException(setting, "symmetric key " + k.kid().orElse("(no kid)")
                    + " is shorter than 128 bits");
        }
    }

    /** The effective policy, then every opt-out, once. */
    private static void logStartup(JweTokenValidator.Builder b, ValidationPolicy policy, ValidatorState state,
            RevocationStore store) {
        LOG.info("jwe policy: {}", policy.describe(state));
        if (b.ignoreIssuer) {
            LOG.warn("jwe: the issuer (iss) is NOT checked (jwe.ignore-issuer=true)");
        }
        if (b.ignoreAudience) {
            LOG.warn("jwe: the audience (aud) is NOT checked (jwe.ignore-audience=true)");
        }
        if (!b.signatureRequired) {
            LOG.warn("jwe: unsigned claims are accepted under symmetric key management (jwe.signature.required=false)");
        }
        if (b.replayFailOpen) {
            LOG.warn("jwe: one-time tokens are accepted when the revocation store fails (jwe.replay.fail-open=true)");
        }
        if (b.revocationFailOpen) {
            // The default (an unreachable shared store must not take the API down), said once.
            LOG.info("jwe: revocation lookups fail OPEN: when the store ({}) fails, tokens are accepted without"
                    + " the check, logged and counted (jwe.revocation.fail-open=false to answer 503 instead)",
                    store.describe());
        }
        if (b.maxLifetime != null && b.maxLifetime.plus(b.clockSkew.multipliedBy(2)).compareTo(store.retention()) > 0) {
            LOG.warn("jwe: tokens may live {} (jwe.max-lifetime) but revocations are kept {}"
                    + " (jwe.revocation.retention): a revoked token may come back after that", b.maxLifetime,
                    store.retention());
        }
    }
}
