package dev.jwe.core.settings;

import java.time.Duration;
import java.util.List;

/**
 * The settings of {@code jwe-core}: keys, validation policy, caches, revocation and one-time use.
 * Each is declared once here, with its default; {@code JweSettings} binds them to the validator
 * builder, and builders and stores take their defaults from {@link Setting#defaultValue()}.
 * The adapter options read by every HTTP adapter are in {@link AdapterSettings}.
 */
public final class CoreSettings {
    private static final Setting.Declarer CORE = Setting.declaredBy("jwe-core");

    /** {@code jwe.config}: a properties file read as the lowest layer. */
    public static final Setting<String> CONFIG = CORE.string("jwe.config", null,
            "A properties file with more jwe.* settings (lowest precedence).");

    /** {@code jwe.decryption.keys}: where the decryption keys are. */
    public static final Setting<String> DECRYPTION_KEYS = CORE.string("jwe.decryption.keys", null,
            "Required. Decryption keys: JWKS file, classpath:, inline JSON, PEM or PKCS#12; comma-separated for several.");
    /** {@code jwe.decryption.keystore-password}: secret. */
    public static final Setting<String> DECRYPTION_KEYSTORE_PASSWORD = CORE.string("jwe.decryption.keystore-password",
            null, "Password of a PKCS#12 decryption key store.").asSecret();
    /** {@code jwe.verification.keys}: where the keys that verify the inner signature are. */
    public static final Setting<String> VERIFICATION_KEYS = CORE.string("jwe.verification.keys", null,
            "Keys that verify the inner signature (same formats, or an https JWK Set URL). Absent: discovered from each"
                    + " jwe.issuer URL; not needed with jwe.signature.required=false and symmetric key management.");
    /** {@code jwe.verification.keystore-password}: secret. */
    public static final Setting<String> VERIFICATION_KEYSTORE_PASSWORD = CORE.string(
            "jwe.verification.keystore-password", null, "Password of a PKCS#12 verification key store.").asSecret();
    /** {@code jwe.verification.refresh}: background refresh of a remote key set. */
    public static final Setting<Duration> VERIFICATION_REFRESH = CORE.duration("jwe.verification.refresh",
            Duration.ofMinutes(5), "How often a remote (https) verification key set is refreshed, in the background;"
                    + " Cache-Control max-age is honoured down to the minimum interval.");
    /** {@code jwe.verification.min-refresh-interval}: rate limit of fetches for unknown key ids. */
    public static final Setting<Duration> VERIFICATION_MIN_REFRESH_INTERVAL = CORE.duration(
            "jwe.verification.min-refresh-interval", Duration.ofSeconds(30),
            "Least time between fetches caused by unknown key ids (rate limit).");
    /** {@code jwe.verification.stale-if-error}: how long the last good remote keys outlive an outage. */
    public static final Setting<Duration> VERIFICATION_STALE_IF_ERROR = CORE.duration("jwe.verification.stale-if-error",
            Duration.ofHours(24), "How long the last good remote keys stay in use while the key set URL fails.");
    /** {@code jwe.verification.timeout}: connect and read timeout of remote fetches. */
    public static final Setting<Duration> VERIFICATION_TIMEOUT = CORE.duration("jwe.verification.timeout",
            Duration.ofSeconds(2), "Connect and read timeout of remote key set fetches.");
    /** {@code jwe.verification.fetch-at-start}: first remote fetch during start-up. */
    public static final Setting<Boolean> VERIFICATION_FETCH_AT_START = CORE.bool("jwe.verification.fetch-at-start", true,
            "Fetch remote keys at start-up; failure fails start-up when nothing else is configured.");
    /** {@code jwe.keys.reload-interval}: how often local key files are checked for changes. */
    public static final Setting<Duration> KEYS_RELOAD_INTERVAL = CORE.duration("jwe.keys.reload-interval",
            Duration.ofMinutes(1),
            "How often local key files are checked for changes and re-read; PT0S turns reloading off.");

    /** {@code jwe.issuer}: accepted issuers. */
    public static final Setting<List<String>> ISSUER = CORE.list("jwe.issuer",
            "Required (or jwe.issuers). Accepted issuers (iss), exact match, comma-separated; without"
                    + " jwe.verification.keys each one's keys are discovered and verify its own tokens only.");
    /** {@code jwe.issuers}: the names of several issuers, each trusted with its own keys. */
    public static final Setting<List<String>> ISSUERS = CORE.list("jwe.issuers",
            "Names of several issuers, each trusted only with its own keys (set in the rows below);"
                    + " instead of jwe.issuer and jwe.verification.keys.");
    /** {@code jwe.ignore-issuer}: the opt-out of the issuer check. */
    public static final Setting<Boolean> IGNORE_ISSUER = CORE.bool("jwe.ignore-issuer", false,
            "true: do not check iss (logged at start-up).");
    /** {@code jwe.audience}: expected audiences. */
    public static final Setting<List<String>> AUDIENCE = CORE.list("jwe.audience",
            "Required. Expected audiences; the token's aud must contain one. Comma-separated.");
    /** {@code jwe.ignore-audience}: the opt-out of the audience check. */
    public static final Setting<Boolean> IGNORE_AUDIENCE = CORE.bool("jwe.ignore-audience", false,
            "true: do not check aud (logged at start-up).");
    /** {@code jwe.key-management-algorithms}: accepted JWE {@code alg} values. */
    public static final Setting<List<String>> KEY_MANAGEMENT_ALGORITHMS = CORE.list("jwe.key-management-algorithms",
            "Accepted JWE alg values (RSA-OAEP-256, RSA-OAEP-384, RSA-OAEP-512, ECDH-ES*, A*KW, A*GCMKW, dir)."
                    + " RSA-OAEP only when listed; RSA1_5 and PBES2 never.")
            .documentedDefault("from the keys");
    /** {@code jwe.content-encryption-algorithms}: accepted JWE {@code enc} values. */
    public static final Setting<List<String>> CONTENT_ENCRYPTION_ALGORITHMS = CORE.list(
            "jwe.content-encryption-algorithms", "Accepted JWE enc values: A128GCM, A192GCM, A256GCM, A128CBC-HS256,"
                    + " A192CBC-HS384, A256CBC-HS512.").documentedDefault("all six");
    /** {@code jwe.signature-algorithms}: accepted inner JWS {@code alg} values. */
    public static final Setting<List<String>> SIGNATURE_ALGORITHMS = CORE.list("jwe.signature-algorithms",
            "Accepted inner JWS alg values (HS* only with a symmetric verification key; none never).")
            .documentedDefault("from the keys");
    /** {@code jwe.signature.required}: false allows unsigned claims under symmetric key management. */
    public static final Setting<Boolean> SIGNATURE_REQUIRED = CORE.bool("jwe.signature.required", true,
            "false: accept unsigned claims under symmetric key management only (never under RSA-OAEP*/ECDH-ES*).");
    /** {@code jwe.crypto.provider}: the JCA provider of the validator's cryptography. */
    public static final Setting<String> CRYPTO_PROVIDER = CORE.string("jwe.crypto.provider", "auto",
            "JCA provider for decryption and signatures, passed per operation, never installed: auto (Amazon Corretto"
                    + " Crypto Provider when present and healthy, else the JDK's), jdk, or a registered provider's name.");
    /** {@code jwe.clock-skew}: tolerance of the time claims. */
    public static final Setting<Duration> CLOCK_SKEW = CORE.duration("jwe.clock-skew", Duration.ofSeconds(30),
            "Allowed clock skew for exp, nbf, iat; at most PT5M.");
    /** {@code jwe.max-token-length}: longest token, in characters. */
    public static final Setting<Integer> MAX_TOKEN_LENGTH = CORE.integer("jwe.max-token-length", 16 * 1024,
            "Longest token accepted, in characters.");
    /** {@code jwe.max-lifetime}: longest {@code exp - iat}. */
    public static final Setting<Duration> MAX_LIFETIME = CORE.duration("jwe.max-lifetime", null,
            "Longest accepted exp - iat, e.g. PT1H.");
    /** {@code jwe.required-claims}: claims that must be present. */
    public static final Setting<List<String>> REQUIRED_CLAIMS = CORE.list("jwe.required-claims",
            "Claims that must be present besides exp, comma-separated.");
    /** {@code jwe.token-type}: the required {@code typ}. */
    public static final Setting<String> TOKEN_TYPE = CORE.string("jwe.token-type", null,
            "Required typ header, e.g. at+jwt (RFC 9068).");
    /**
     * {@code jwe.principal-claim}: the claim that names the principal, or a comma-separated list
     * of claims in order of preference. Read as text (its default, {@code sub}, is a one-name
     * list); the validator builder splits it.
     */
    public static final Setting<String> PRINCIPAL_CLAIM = CORE.string("jwe.principal-claim", "sub",
            "Claim that names the principal; no fallback: a token without it is rejected (MISSING_PRINCIPAL)."
                    + " A comma-separated list (preferred_username,sub) falls back in its order.");
    /** {@code jwe.roles-claim}: the claim (or comma-separated claims) with the roles. */
    public static final Setting<String> ROLES_CLAIM = CORE.string("jwe.roles-claim", "groups",
            "Claim with the roles; dotted paths reach into objects (realm_access.roles); comma-separated for"
                    + " several, merged (realm_access.roles,resource_access.orders-api.roles).");
    /** {@code jwe.scope-claim}: the claim (or comma-separated claims) with the OAuth scopes. */
    public static final Setting<String> SCOPE_CLAIM = CORE.string("jwe.scope-claim", "scope",
            "Claim with OAuth scopes: space-separated string or array; comma-separated for several, merged"
                    + " (scope,scp).");

    /** {@code jwe.cache.max-entries}: size of the verified-token cache. */
    public static final Setting<Integer> CACHE_MAX_ENTRIES = CORE.integer("jwe.cache.max-entries", 10_000,
            "Verified-token cache size (and rejection cache size); 0 turns caching off.");
    /** {@code jwe.cache.max-ttl}: longest stay of a verified token in the cache. */
    public static final Setting<Duration> CACHE_MAX_TTL = CORE.duration("jwe.cache.max-ttl", Duration.ofMinutes(5),
            "Longest time a verified token stays cached; never accepted from the cache after its exp.");
    /** {@code jwe.cache.reject-ttl}: how long an expensive rejection is remembered. */
    public static final Setting<Duration> CACHE_REJECT_TTL = CORE.duration("jwe.cache.reject-ttl",
            Duration.ofSeconds(30),
            "How long a rejection that cost a decryption is remembered; PT0S turns it off.");

    /** {@code jwe.revocation.store}: which revocation store. */
    public static final Setting<String> REVOCATION_STORE = CORE.string("jwe.revocation.store", "memory",
            "Where revocations and one-time uses are kept: memory (this process only) or jcache (shared; needs the"
                    + " jwe-jcache module).");
    /** {@code jwe.revocation.max-entries}: size of the memory store's tables. */
    public static final Setting<Integer> REVOCATION_MAX_ENTRIES = CORE.integer("jwe.revocation.max-entries", 100_000,
            "memory store: live entries per table (revocations, uses); when full, new entries fail rather than evict.")
            .onlyWith(REVOCATION_STORE, "memory", "a shared store's size is configured in its own cluster");
    /** {@code jwe.revocation.retention}: longest time a revocation is kept. */
    public static final Setting<Duration> REVOCATION_RETENTION = CORE.duration("jwe.revocation.retention",
            Duration.ofHours(24), "Longest time a revocation is kept; tokens living longer may come back after it."
                    + " PT1M to P30D.");
    /** {@code jwe.revocation.fail-open}: what a revocation store failure means. */
    public static final Setting<Boolean> REVOCATION_FAIL_OPEN = CORE.bool("jwe.revocation.fail-open", true,
            "When the store cannot be read: true accepts the token (logged, counted); false answers 503.");
    /** {@code jwe.replay.protect}: every token one-time. */
    public static final Setting<Boolean> REPLAY_PROTECT = CORE.bool("jwe.replay.protect", false,
            "true: every token is one-time; a second use of its jti within its lifetime is rejected (REPLAYED).");
    /** {@code jwe.replay.window}: longest time a use is kept. */
    public static final Setting<Duration> REPLAY_WINDOW = CORE.duration("jwe.replay.window", Duration.ofHours(2),
            "Longest time a use is kept; under replay protection, tokens whose exp (plus skew) lies further ahead are"
                    + " rejected. PT1S to P7D.");
    /** {@code jwe.replay.fail-open}: what a failure to record a use means. */
    public static final Setting<Boolean> REPLAY_FAIL_OPEN = CORE.bool("jwe.replay.fail-open", false,
            "When a use cannot be recorded: false answers 503; true accepts the token (logged, counted).");

    /** Every setting above, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(CONFIG, DECRYPTION_KEYS, DECRYPTION_KEYSTORE_PASSWORD,
            VERIFICATION_KEYS, VERIFICATION_KEYSTORE_PASSWORD, VERIFICATION_REFRESH, VERIFICATION_MIN_REFRESH_INTERVAL,
            VERIFICATION_STALE_IF_ERROR, VERIFICATION_TIMEOUT, VERIFICATION_FETCH_AT_START, KEYS_RELOAD_INTERVAL,
            ISSUER, ISSUERS, IGNORE_ISSUER, AUDIENCE, IGNORE_AUDIENCE, KEY_MANAGEMENT_ALGORITHMS,
            CONTENT_ENCRYPTION_ALGORITHMS, SIGNATURE_ALGORITHMS, SIGNATURE_REQUIRED, CRYPTO_PROVIDER, CLOCK_SKEW,
            MAX_TOKEN_LENGTH, MAX_LIFETIME, REQUIRED_CLAIMS, TOKEN_TYPE, PRINCIPAL_CLAIM, ROLES_CLAIM, SCOPE_CLAIM,
            CACHE_MAX_ENTRIES, CACHE_MAX_TTL, CACHE_REJECT_TTL,
            REVOCATION_STORE, REVOCATION_MAX_ENTRIES, REVOCATION_RETENTION, REVOCATION_FAIL_OPEN, REPLAY_PROTECT,
            REPLAY_WINDOW, REPLAY_FAIL_OPEN);

    private CoreSettings() {
    }
}
