package dev.jwe.core;

import dev.jwe.core.internal.Jca;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a token must be to pass: the checked, immutable outcome of {@link PolicyCompiler}. Holds no
 * cache, store or counter (those are {@link ValidatorState}). Thread-safe.
 *
 * @param decryptionKeys the keys that decrypt
 * @param verificationKeys the keys that verify the inner signature, or {@code null} for none (and
 *     with trusted issuers, which have their own)
 * @param keyManagement the accepted JWE {@code alg} values
 * @param contentEncryption the accepted JWE {@code enc} values
 * @param signature the accepted JWS {@code alg} values (with trusted issuers: of any of them)
 * @param signatureRequired false when unsigned claims are allowed under symmetric key management
 * @param issuers the accepted {@code iss} values, or {@code null} when not checked
 * @param audiences the expected {@code aud} values, or {@code null} when not checked (or, with
 *     trusted issuers, when each has its own)
 * @param clockSkew the allowed skew for time claims
 * @param maxTokenLength the longest token, in characters
 * @param maxLifetime the longest lifetime, or {@code null} for none
 * @param requiredClaims claims that must be present besides {@code exp}
 * @param tokenType the required {@code typ}, normalized, or {@code null} for any
 * @param principalClaims the claims that may name the principal, in order of preference
 * @param rolesClaims the claims (or dotted paths) holding roles, merged in order
 * @param scopeClaims the claims (or dotted paths) holding scopes, merged in order
 * @param trustedIssuers the issuers trusted each with its own keys ({@code jwe.issuers}), or empty
 *     for the one set of verification keys above
 * @param clock the clock for time claims and key validity
 * @param jca the JCA provider of decryption and signature checks
 */
record ValidationPolicy(KeySource decryptionKeys, KeySource verificationKeys, Set<String> keyManagement,
        Set<String> contentEncryption, Set<String> signature, boolean signatureRequired, Set<String> issuers,
        Set<String> audiences, Duration clockSkew, int maxTokenLength, Duration maxLifetime,
        List<String> requiredClaims, String tokenType, List<String> principalClaims, List<String> rolesClaims,
        List<String> scopeClaims, List<IssuerTrust.Issuer> trustedIssuers, Clock clock, Jca jca) {

    ValidationPolicy {
        keyManagement = Set.copyOf(keyManagement);
        contentEncryption = Set.copyOf(contentEncryption);
        signature = Set.copyOf(signature);
        issuers = issuers == null ? null : Set.copyOf(issuers);
        audiences = audiences == null ? null : Set.copyOf(audiences);
        requiredClaims = List.copyOf(requiredClaims);
        principalClaims = List.copyOf(principalClaims);
        rolesClaims = List.copyOf(rolesClaims);
        scopeClaims = List.copyOf(scopeClaims);
        trustedIssuers = List.copyOf(trustedIssuers);
    }

    /**
     * The policy for start-up logs; contains no secret.
     *
     * @param state describes the cache and the revocation store, which sit between the claim
     *     settings and the keys
     * @return one line
     */
    String describe(ValidatorState state) {
        return "key-management=" + sorted(keyManagement) + ", content-encryption=" + sorted(contentEncryption)
                + ", signature=" + sorted(signature)
                + ", signature-required=" + (signatureRequired ? "always" : "only for RSA-OAEP*/ECDH-ES*")
                + ", issuer=" + (issuers == null ? "IGNORED" : sorted(issuers))
                + ", audience=" + (audiences == null ? "IGNORED" : sorted(audiences))
                + ", clock-skew=" + clockSkew + ", max-token-length=" + maxTokenLength
                + ", max-lifetime=" + (maxLifetime == null ? "none" : maxLifetime)
                + ", required-claims=" + requiredClaims + ", token-type=" + (tokenType == null ? "any" : tokenType)
                + ", principal-claim=" + String.join(",", principalClaims) + ", roles-claim="
                + String.join(",", rolesClaims) + ", scope-claim=" + String.join(",", scopeClaims)
                + ", crypto-provider=" + jca.describe() + ", " + state.describe()
                + ", decryption-keys=" + keyIds(decryptionKeys)
                + (trustedIssuers.isEmpty()
                        ? ", verification-keys=" + (verificationKeys == null ? "[]" : keyIds(verificationKeys))
                        : trustedIssuers.stream().map(ValidationPolicy::describe).collect(Collectors.joining()));
    }

    /** One trusted issuer: its {@code iss}, keys and whatever differs per issuer; no secret. */
    private static String describe(IssuerTrust.Issuer i) {
        return ", issuer " + i.issuer() + " (" + i.keysSetting() + "): verification-keys="
                + keyIds(i.verificationKeys()) + ", signature=" + sorted(i.signature()) + ", audience="
                + (i.audiences() == null ? "IGNORED" : sorted(i.audiences())) + ", token-type="
                + (i.tokenType() == null ? "any" : i.tokenType()) + ", " + i.principals().describe();
    }

    private static List<String> keyIds(KeySource source) {
        List<String> ids = new ArrayList<>();
        for (KeySourceHealth h : source.health()) {
            ids.addAll(h.keyIds().isEmpty() && !h.usable() ? List.of("(none yet from " + h.location() + ")")
                    : h.keyIds());
        }
        return ids;
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }
}
