package dev.jwe.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which issuer a token speaks for, and so which keys may verify it and which audience and claim
 * mapping apply. With one set of verification keys ({@code jwe.issuer}, {@code jwe.verification.keys})
 * there is one {@link Issuer} for every token, and {@code iss} is checked with the other claims. With
 * several trusted issuers ({@code jwe.issuers}), the {@code iss} read from the decrypted, not yet
 * verified JWS selects the issuer; one not configured is {@link Reason#INVALID_ISSUER} before any
 * signature work, and only the selected issuer's keys are tried: a key of issuer A never verifies
 * a token that claims issuer B. Immutable and thread-safe.
 */
final class IssuerTrust {
    /**
     * What a token of one issuer must be, and how its principal is read.
     *
     * @param issuer the exact {@code iss}, or {@code null} for the single set of keys
     * @param keysSetting the setting that named the keys, for health and messages
     * @param verificationKeys the keys that verify this issuer's tokens, or {@code null} for none
     * @param signature the accepted JWS {@code alg} values
     * @param issuers the accepted {@code iss} values, or {@code null} when not checked
     * @param audiences the expected audiences, or {@code null} when not checked
     * @param tokenType the required {@code typ}, normalized, or {@code null}
     * @param principals the principal, roles and scope claims
     */
    record Issuer(String issuer, String keysSetting, KeySource verificationKeys, Set<String> signature,
            Set<String> issuers, Set<String> audiences, String tokenType, PrincipalExtraction principals) {
        Issuer {
            signature = Set.copyOf(signature);
            issuers = issuers == null ? null : Set.copyOf(issuers);
            audiences = audiences == null ? null : Set.copyOf(audiences);
        }
    }

    private final Issuer single;
    private final Map<String, Issuer> byIssuer;
    private final KeySource anyIssuerKeys;

    private IssuerTrust(Issuer single, Map<String, Issuer> byIssuer, KeySource anyIssuerKeys) {
        this.single = single;
        this.byIssuer = byIssuer;
        this.anyIssuerKeys = anyIssuerKeys;
    }

    /**
     * @param policy the validator's policy: its trusted issuers, else its one set of keys
     * @return the selection
     */
    static IssuerTrust of(ValidationPolicy policy) {
        if (policy.trustedIssuers().isEmpty()) {
            Issuer one = new Issuer(null, "jwe.verification.keys", policy.verificationKeys(), policy.signature(),
                    policy.issuers(), policy.audiences(), policy.tokenType(), new PrincipalExtraction(
                            policy.principalClaims(), policy.rolesClaims(), policy.scopeClaims()));
            return new IssuerTrust(one, Map.of(), policy.verificationKeys());
        }
        Map<String, Issuer> byIssuer = new LinkedHashMap<>();
        List<KeySource> keys = new ArrayList<>();
        for (Issuer i : policy.trustedIssuers()) {
            byIssuer.put(i.issuer(), i);
            keys.add(i.verificationKeys());
        }
        return new IssuerTrust(null, Map.copyOf(byIssuer), new CompositeKeySource(keys));
    }

    /** One set of keys for every token, checked for the inner signature only (stage tests). */
    static IssuerTrust keysOnly(KeySource verificationKeys, Set<String> signature) {
        return new IssuerTrust(new Issuer(null, "jwe.verification.keys", verificationKeys, signature, null, null, null,
                null), Map.of(), verificationKeys);
    }

    /** Whether the {@code iss} selects the keys (several trusted issuers). */
    boolean selectsByIssuer() {
        return single == null;
    }

    /**
     * @param iss the token's {@code iss}, not yet verified, or {@code null}
     * @return the issuer whose keys and mapping apply
     * @throws TokenRejectedException {@link Reason#INVALID_ISSUER} when several issuers are
     *     trusted and none has this {@code iss}
     */
    Issuer select(String iss) throws TokenRejectedException {
        if (single != null) {
            return single;
        }
        Issuer found = iss == null ? null : byIssuer.get(iss);
        if (found == null) {
            throw new TokenRejectedException(Reason.INVALID_ISSUER);
        }
        return found;
    }

    /** Every issuer's keys as one source: a cached token stays valid while the key that verified it is. */
    KeySource anyIssuerKeys() {
        return anyIssuerKeys;
    }

    /**
     * The trusted issuers of a builder, checked: each with keys that fit a signature algorithm,
     * an audience (its own or the validator's), valid claim names; no {@code iss} twice.
     *
     * @param b the builder
     * @param keyManagement the accepted JWE {@code alg} values
     * @return the issuers, in the order given
     * @throws ConfigurationException naming the issuer's setting
     */
    static List<Issuer> compile(JweTokenValidator.Builder b, Set<String> keyManagement) {
        if (b.verificationKeys != null) {
            throw new ConfigurationException("jwe.verification.keys", "not used with jwe.issuers: give each issuer"
                    + " its own keys (jwe.issuers.<name>.verification.keys), or none to discover them");
        }
        if (b.issuers != null) {
            throw new ConfigurationException("jwe.issuers", "set together with jwe.issuer; choose one: jwe.issuer"
                    + " for one issuer, jwe.issuers for several, each trusted with its own keys");
        }
        if (b.ignoreIssuer) {
            throw new ConfigurationException("jwe.ignore-issuer", "set together with jwe.issuers; choose one");
        }
        boolean anySymmetric = false;
        Map<TrustedIssuer, KeySet> loaded = new LinkedHashMap<>();
        for (TrustedIssuer t : b.trustedIssuers) {
            KeySet keys = PolicyCompiler.verificationKeys(t.verificationKeys(),
                    t.setting("verification.keys", "jwe.issuer"));
            anySymmetric |= keys.all().stream().anyMatch(KeyEntry::isSymmetric);
            loaded.put(t, keys);
        }
        Map<String, Issuer> out = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<TrustedIssuer, KeySet> e : loaded.entrySet()) {
            TrustedIssuer t = e.getKey();
            String keysSetting = t.setting("verification.keys", "jwe.issuer");
            if (t.name() != null && !names.add(t.name())) {
                throw new ConfigurationException("jwe.issuers", "names issuer '" + t.name() + "' twice");
            }
            if (out.containsKey(t.issuer())) {
                throw new ConfigurationException(t.setting("issuer", "jwe.issuer"), "issuer " + t.issuer()
                        + " is configured twice");
            }
            Set<String> sig = PolicyCompiler.signature(b.signatureAlgorithms, e.getValue(), t.verificationKeys(),
                    anySymmetric);
            PolicyCompiler.requireVerificationKeys(keyManagement, sig, e.getValue(), t.verificationKeys(), true,
                    keysSetting);
            out.put(t.issuer(), new Issuer(t.issuer(), keysSetting, t.verificationKeys(), sig, Set.of(t.issuer()),
                    audiences(b, t), type(b, t), principals(b, t)));
        }
        return List.copyOf(out.values());
    }

    private static Set<String> audiences(JweTokenValidator.Builder b, TrustedIssuer t) {
        String setting = t.setting("audience", "jwe.audience");
        if (b.ignoreAudience) {
            if (t.audiences() != null) {
                throw new ConfigurationException(setting, "set together with jwe.ignore-audience; choose one");
            }
            return null;
        }
        List<String> audiences = t.audiences() != null ? t.audiences() : b.audiences;
        if (audiences == null || audiences.isEmpty()) {
            throw new ConfigurationException(setting, "required (or jwe.audience for every issuer, or"
                    + " jwe.ignore-audience=true on purpose)");
        }
        return Set.copyOf(audiences);
    }

    private static String type(JweTokenValidator.Builder b, TrustedIssuer t) {
        String type = t.tokenType() != null ? t.tokenType() : b.tokenType;
        if (type != null && type.isBlank()) {
            throw new ConfigurationException(t.setting("token-type", "jwe.token-type"), "must not be blank");
        }
        return type == null ? null : ClaimsCheck.normalizeType(type);
    }

    private static PrincipalExtraction principals(JweTokenValidator.Builder b, TrustedIssuer t) {
        List<String> principal = t.principalClaims() != null ? t.principalClaims() : b.principalClaims;
        List<String> roles = t.rolesClaims() != null ? t.rolesClaims() : b.rolesClaims;
        List<String> scopes = t.scopeClaims() != null ? t.scopeClaims() : b.scopeClaims;
        PolicyCompiler.requireNames(principal, t.setting("principal-claim", "jwe.principal-claim"));
        PolicyCompiler.requireNames(roles, t.setting("roles-claim", "jwe.roles-claim"));
        PolicyCompiler.requireNames(scopes, t.setting("scope-claim", "jwe.scope-claim"));
        return new PrincipalExtraction(principal, roles, scopes);
    }
}
