package dev.jwe.core;

import dev.jwe.core.settings.CoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@link JweTokenValidator.Builder} collects, each option with its default as one initializer:
 * the builder is the fluent, checked way to set them; {@link PolicyCompiler}, {@link IssuerTrust} and
 * {@link IssuerSettingsReader} (same package) read them. Package-private, so none of it is public API.
 */
abstract class ValidatorInputs {
    KeySource decryptionKeys;
    KeySource verificationKeys;
    List<String> keyManagementAlgorithms;
    List<String> contentEncryptionAlgorithms;
    List<String> signatureAlgorithms;
    boolean signatureRequired = CoreSettings.SIGNATURE_REQUIRED.defaultValue();
    List<String> issuers;
    boolean ignoreIssuer;
    List<String> audiences;
    boolean ignoreAudience;
    Duration clockSkew = CoreSettings.CLOCK_SKEW.defaultValue();
    int maxTokenLength = CoreSettings.MAX_TOKEN_LENGTH.defaultValue();
    Duration maxLifetime;
    List<String> requiredClaims = List.of();
    String tokenType;
    List<String> principalClaims = NameLists.commaSeparated(CoreSettings.PRINCIPAL_CLAIM.defaultValue());
    List<String> rolesClaims = NameLists.commaSeparated(CoreSettings.ROLES_CLAIM.defaultValue());
    List<String> scopeClaims = NameLists.commaSeparated(CoreSettings.SCOPE_CLAIM.defaultValue());
    final List<TrustedIssuer> trustedIssuers = new ArrayList<>();
    Function<String, KeySource> discoverIssuerKeys; // JweSettings: jwe.issuer URLs without verification keys
    Clock clock = Clock.systemUTC();
    String cryptoProvider = CoreSettings.CRYPTO_PROVIDER.defaultValue();
    AuditListener audit = AuditListener.slf4j();
    int cacheMaxEntries = CoreSettings.CACHE_MAX_ENTRIES.defaultValue();
    Duration cacheMaxTtl = CoreSettings.CACHE_MAX_TTL.defaultValue();
    Duration cacheRejectTtl = CoreSettings.CACHE_REJECT_TTL.defaultValue();
    RevocationStore revocationStore;
    Function<Clock, RevocationStore> revocationStoreFactory;
    boolean revocationFailOpen = CoreSettings.REVOCATION_FAIL_OPEN.defaultValue();
    boolean replayProtection = CoreSettings.REPLAY_PROTECT.defaultValue();
    boolean replayFailOpen = CoreSettings.REPLAY_FAIL_OPEN.defaultValue();
}
