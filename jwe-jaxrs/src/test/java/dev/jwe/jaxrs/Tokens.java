package dev.jwe.jaxrs;

import dev.jwe.core.AuditListener;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import java.util.List;
import java.util.Map;

/** Real tokens and a validator for them (a {@link VerifiedToken} can only come from a validator). */
final class Tokens {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);

    private Tokens() {
    }

    /** A validator for the tokens of {@link #issue}, at the test clock. */
    static TokenValidator validator(AuditListener listener) {
        return JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC)).verificationKeys(KeySource.of(SIG))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK)
                .auditListener(listener).build();
    }

    /** A token of alice with these roles and scopes. */
    static String issue(List<String> roles, List<String> scopes) {
        Map<String, Object> claims = TestKeys.claims();
        claims.put("groups", roles);
        claims.put("scope", String.join(" ", scopes));
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    /** A verified token of alice with these roles and scopes. */
    static VerifiedToken verified(List<String> roles, List<String> scopes) throws TokenRejectedException {
        return validator(AuditListener.NOOP).validate(issue(roles, scopes));
    }
}
