package dev.jwe.core;

import dev.jwe.core.internal.KeyIo;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one configuration path: binds {@code jwe.*} settings from any {@code String -> String}
 * source (Servlet init-params, JAX-RS properties, system properties, environment variables, a
 * properties file) to {@link JweTokenValidator.Builder}. Every adapter uses it, so web.xml, an
 * {@code Application} and the CLI behave alike.
 *
 * <p>Sources are layered: the first source that has a setting wins. The environment is read by
 * name: {@code jwe.decryption.keys} is {@code JWE_DECRYPTION_KEYS} (upper case, {@code .} and
 * {@code -} become {@code _}). {@code jwe.config} names a properties file read as the lowest layer.
 * An unknown {@code jwe.*} key is an error that names it. Immutable and thread-safe once built.
 */
public final class JweSettings {

    /**
     * One known setting.
     *
     * @param name the key, e.g. {@code jwe.issuer}
     * @param defaultValue the default, or {@code null} when there is none
     * @param description what it does
     * @param secret whether its value must never be logged
     */
    public record Setting(String name, String defaultValue, String description, boolean secret) {
    }

    private static final List<Setting> KNOWN = List.of(
            s("jwe.config", null, "A properties file with more jwe.* settings (lowest precedence)."),
            s("jwe.decryption.keys", null, "Required. Decryption keys: JWKS file, classpath:, inline JSON, PEM or PKCS#12; comma-separated for several."),
            secret("jwe.decryption.keystore-password", "Password of a PKCS#12 decryption key store."),
            s("jwe.verification.keys", null, "Keys that verify the inner signature (same formats). Required unless jwe.signature.required=false with symmetric key management."),
            secret("jwe.verification.keystore-password", "Password of a PKCS#12 verification key store."),
            s("jwe.verification.refresh", "PT5M", "How often a remote (https) verification key set is refreshed, in the background; Cache-Control max-age is honoured down to the minimum interval."),
            s("jwe.verification.min-refresh-interval", "PT30S", "Least time between fetches caused by unknown key ids (rate limit)."),
            s("jwe.verification.stale-if-error", "PT24H", "How long the last good remote keys stay in use while the key set URL fails."),
            s("jwe.verification.timeout", "PT2S", "Connect and read timeout of remote key set fetches."),
            s("jwe.verification.fetch-at-start", "true", "Fetch remote keys at start-up; failure fails start-up when nothing else is configured."),
            s("jwe.keys.reload-interval", "PT1M", "How often local key files are checked for changes and re-read; PT0S turns reloading off."),
            s("jwe.issuer", null, "Required. Accepted issuers (iss), exact match, comma-separated."),
            s("jwe.ignore-issuer", "false", "true: do not check iss (logged at start-up)."),
            s("jwe.audience", null, "Required. Expected audiences; the token's aud must contain one. Comma-separated."),
            s("jwe.ignore-audience", "false", "true: do not check aud (logged at start-up)."),
            s("jwe.key-management-algorithms", "from the keys", "Accepted JWE alg values. RSA-OAEP only when listed; RSA1_5 and PBES2 never."),
            s("jwe.content-encryption-algorithms", "all six", "Accepted JWE enc values: A128GCM, A192GCM, A256GCM, A128CBC-HS256, A192CBC-HS384, A256CBC-HS512."),
            s("jwe.signature-algorithms", "from the keys", "Accepted inner JWS alg values (HS* only with a symmetric verification key; none never)."),
            s("jwe.signature.required", "true", "false: accept unsigned claims under symmetric key management only (never under RSA-OAEP*/ECDH-ES*)."),
            s("jwe.clock-skew", "PT30S", "Allowed clock skew for exp, nbf, iat; at most PT5M."),
            s("jwe.max-token-length", "16384", "Longest token accepted, in characters."),
            s("jwe.max-lifetime", null, "Longest accepted exp - iat, e.g. PT1H."),
            s("jwe.required-claims", null, "Claims that must be present besides exp, comma-separated."),
            s("jwe.token-type", null, "Required typ header, e.g. at+jwt (RFC 9068)."),
            s("jwe.principal-claim", "sub", "Claim that names the principal."),
            s("jwe.roles-claim", "groups", "Claim with the roles; dotted paths reach into objects (realm_access.roles)."),
            s("jwe.scope-claim", "scope", "Claim with OAuth scopes: space-separated string or array."),
            s("jwe.cache.max-entries", "10000", "Verified-token cache size (and rejection cache size); 0 turns caching off."),
            s("jwe.cache.max-ttl", "PT5M", "Longest time a verified token stays cached; never beyond its exp."),
            s("jwe.cache.reject-ttl", "PT30S", "How long a rejection that cost a decryption is remembered; PT0S turns it off."),
            s("jwe.revocation.store", "memory", "Where revocations and one-time uses are kept: memory (this process only) or jcache (shared; needs the jwe-jcache module)."),
            s("jwe.revocation.max-entries", "100000", "memory store: live entries per table (revocations, uses); when full, new entries fail rather than evict."),
            s("jwe.revocation.retention", "PT24H", "Longest time a revocation is kept; tokens living longer may come back after it. PT1M to P30D."),
            s("jwe.revocation.jcache.provider", null, "jcache store: class name of the JCache CachingProvider (required: with several providers the default lookup fails)."),
            s("jwe.revocation.jcache.uri", null, "jcache store: the provider's configuration URI (Hazelcast: a config file location, e.g. classpath:hazelcast-client.xml); the same on every replica."),
            secret("jwe.revocation.jcache.properties", "jcache store: provider properties, comma-separated key=value (Hazelcast: hazelcast.instance.name=NAME binds to a running member)."),
            s("jwe.revocation.cache-name", "jwe-revocations", "jcache store: cache of revocations; uses go to <name>-used."),
            s("jwe.revocation.fail-open", "true", "When the store cannot be read: true accepts the token (logged, counted); false answers 503."),
            s("jwe.replay.protect", "false", "true: every token is one-time; a second use of its jti within its lifetime is rejected (REPLAYED)."),
            s("jwe.replay.paths", null, "Servlet filter: paths whose tokens are one-time (exact, or a prefix ending in /*); a second use of a jti there is REPLAYED."),
            s("jwe.replay.window", "PT2H", "Longest time a use is kept; under replay protection, tokens whose exp (plus skew) lies further ahead are rejected. PT1S to P7D."),
            s("jwe.replay.fail-open", "false", "When a use cannot be recorded: false answers 503; true accepts the token (logged, counted)."),
            s("jwe.realm", "api", "Realm in WWW-Authenticate challenges."),
            s("jwe.anonymous", "false", "true: requests without a token pass unauthenticated (a bad token is still rejected)."),
            s("jwe.exclude-paths", null, "Paths that skip authentication, comma-separated; a trailing /* matches a prefix."),
            s("jwe.allow-preflight", "false", "true: CORS preflight OPTIONS requests pass without a token."),
            s("jwe.token-header", null, "Also read the token from this header (raw token, no Bearer prefix)."),
            s("jwe.token-cookie", null, "Also read the token from this cookie."));

    private static final Map<String, Setting> BY_NAME;

    static {
        Map<String, Setting> m = new LinkedHashMap<>();
        KNOWN.forEach(k -> m.put(k.name(), k));
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private final Map<String, String> values;
    private final Map<String, String> origins;

    private JweSettings(Map<String, String> values, Map<String, String> origins) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    private static Setting s(String name, String def, String description) {
        return new Setting(name, def, description, false);
    }

    private static Setting secret(String name, String description) {
        return new Setting(name, null, description, true);
    }

    /** Every known setting, in documentation order. */
    public static List<Setting> knownSettings() {
        return KNOWN;
    }

    /**
     * The environment variable name of a setting: upper case, {@code .} and {@code -} become {@code _}.
     *
     * @param name the setting, e.g. {@code jwe.decryption.keys}
     * @return e.g. {@code JWE_DECRYPTION_KEYS}
     */
    public static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Settings from one map (unknown {@code jwe.*} keys are errors; other keys are ignored).
     *
     * @param values the settings
     * @return the settings
     */
    public static JweSettings of(Map<String, String> values) {
        return builder().add("settings", values).build();
    }

    /** @return a builder for layered sources */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A setting's value, if set (blank counts as unset).
     *
     * @param name the setting
     * @return the value
     */
    public Optional<String> get(String name) {
        requireKnown(name);
        return Optional.ofNullable(values.get(name));
    }

    /**
     * A boolean setting ({@code true}/{@code false}, case-insensitive), or its default.
     *
     * @param name the setting
     * @return the value
     */
    public boolean getBoolean(String name) {
        String v = get(name).orElse(BY_NAME.get(name).defaultValue());
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigurationException(name, "expected true or false");
    }

    /**
     * A duration setting (ISO-8601, e.g. {@code PT30S}), if set.
     *
     * @param name the setting
     * @return the value
     */
    public Optional<Duration> getDuration(String name) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(v.get()));
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name, "expected an ISO-8601 duration such as PT30S");
        }
    }

    /**
     * An integer setting, if set.
     *
     * @param name the setting
     * @return the value
     */
    public Optional<Integer> getInt(String name) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.valueOf(v.get().trim()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name, "expected a whole number");
        }
    }

    /**
     * A comma-separated setting as a list (trimmed, empties dropped); empty when unset.
     *
     * @param name the setting
     * @return the values
     */
    public List<String> getList(String name) {
        List<String> out = new ArrayList<>();
        get(name).ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        });
        return List.copyOf(out);
    }

    /**
     * A builder with every core setting applied; adapters may add listeners or a clock, then build.
     *
     * @return the builder
     * @throws ConfigurationException naming the setting when a value is invalid
     */
    public JweTokenValidator.Builder toValidatorBuilder() {
        JweTokenValidator.Builder b = JweTokenValidator.builder();
        get("jwe.decryption.keys").ifPresent(v -> b.decryptionKeys(loadKeys("jwe.decryption.keys", v,
                "jwe.decryption.keystore-password", false)));
        get("jwe.verification.keys").ifPresent(v -> b.verificationKeys(loadKeys("jwe.verification.keys", v,
                "jwe.verification.keystore-password", true)));
        if (get("jwe.issuer").isPresent()) {
            b.issuers(getList("jwe.issuer"));
        }
        if (getBoolean("jwe.ignore-issuer")) {
            b.ignoreIssuer();
        }
        if (get("jwe.audience").isPresent()) {
            b.audiences(getList("jwe.audience"));
        }
        if (getBoolean("jwe.ignore-audience")) {
            b.ignoreAudience();
        }
        if (get("jwe.key-management-algorithms").isPresent()) {
            b.keyManagementAlgorithms(getList("jwe.key-management-algorithms"));
        }
        if (get("jwe.content-encryption-algorithms").isPresent()) {
            b.contentEncryptionAlgorithms(getList("jwe.content-encryption-algorithms"));
        }
        if (get("jwe.signature-algorithms").isPresent()) {
            b.signatureAlgorithms(getList("jwe.signature-algorithms"));
        }
        if (!getBoolean("jwe.signature.required")) {
            b.allowUnsignedWithSymmetricKeyManagement();
        }
        getDuration("jwe.clock-skew").ifPresent(b::clockSkew);
        getInt("jwe.max-token-length").ifPresent(b::maxTokenLength);
        getDuration("jwe.max-lifetime").ifPresent(b::maxLifetime);
        if (get("jwe.required-claims").isPresent()) {
            b.requiredClaims(getList("jwe.required-claims"));
        }
        get("jwe.token-type").ifPresent(b::tokenType);
        get("jwe.principal-claim").ifPresent(b::principalClaim);
        get("jwe.roles-claim").ifPresent(b::rolesClaim);
        get("jwe.scope-claim").ifPresent(b::scopeClaim);
        getInt("jwe.cache.max-entries").ifPresent(b::cacheMaxEntries);
        getDuration("jwe.cache.max-ttl").ifPresent(b::cacheMaxTtl);
        getDuration("jwe.cache.reject-ttl").ifPresent(b::cacheRejectTtl);
        checkRevocationSettings();
        b.revocationStore(this::buildRevocationStore);
        if (!getBoolean("jwe.revocation.fail-open")) {
            b.revocationFailClosed();
        }
        if (getBoolean("jwe.replay.protect")) {
            b.replayProtection();
        }
        if (getBoolean("jwe.replay.fail-open")) {
            b.replayFailOpen();
        }
        return b;
    }

    /**
     * The revocation store these settings describe ({@code jwe.revocation.store}, default
     * {@code memory}), e.g. for an admin command that revokes without validating. The caller owns
     * it and closes it. {@code memory} is built in; any other name is looked up among the
     * {@link RevocationStoreFactory} services on the class path ({@code jcache}: module
     * {@code jwe-jcache}).
     *
     * @param clock the clock for logical expiry
     * @return a new store
     * @throws ConfigurationException naming the setting when the store cannot be made
     */
    public RevocationStore buildRevocationStore(java.time.Clock clock) {
        Objects.requireNonNull(clock, "clock");
        checkRevocationSettings();
        String name = get("jwe.revocation.store").orElse("memory");
        Duration retention = getDuration("jwe.revocation.retention").orElse(KeyValueRevocationStore.DEFAULT_RETENTION);
        Duration window = getDuration("jwe.replay.window").orElse(KeyValueRevocationStore.DEFAULT_REPLAY_WINDOW);
        if (name.equals("memory")) {
            return new InMemoryRevocationStore(getInt("jwe.revocation.max-entries")
                    .orElse(InMemoryRevocationStore.DEFAULT_MAX_ENTRIES), retention, window, clock);
        }
        List<String> found = new ArrayList<>(List.of("memory"));
        for (RevocationStoreFactory factory : revocationStoreFactories()) {
            if (factory.name().equals(name)) {
                return factory.create(this, retention, window, clock);
            }
            found.add(factory.name());
        }
        throw new ConfigurationException("jwe.revocation.store", "no store named '" + name + "' on the class path"
                + (name.equals("jcache") ? " (add the dev.jwe:jwe-jcache module)" : "") + "; available: " + found);
    }

    /** Settings that belong to one kind of store are errors with another (they would do nothing). */
    private void checkRevocationSettings() {
        String name = get("jwe.revocation.store").orElse("memory");
        if (!name.equals("memory") && get("jwe.revocation.max-entries").isPresent()) {
            throw new ConfigurationException("jwe.revocation.max-entries", "applies to jwe.revocation.store=memory only;"
                    + " a shared store's size is configured in its own cluster");
        }
        if (!name.equals("jcache")) {
            for (String jcacheOnly : List.of("jwe.revocation.jcache.provider", "jwe.revocation.jcache.uri",
                    "jwe.revocation.jcache.properties", "jwe.revocation.cache-name")) {
                if (get(jcacheOnly).isPresent()) {
                    throw new ConfigurationException(jcacheOnly, "applies to jwe.revocation.store=jcache only");
                }
            }
        }
    }

    /** Factories visible to the web application's class loader, then to this library's. */
    private static List<RevocationStoreFactory> revocationStoreFactories() {
        List<RevocationStoreFactory> out = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, JweSettings.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                for (RevocationStoreFactory f : java.util.ServiceLoader.load(RevocationStoreFactory.class, loader)) {
                    if (out.stream().noneMatch(o -> o.getClass() == f.getClass())) {
                        out.add(f);
                    }
                }
            } catch (java.util.ServiceConfigurationError e) {
                throw new ConfigurationException("jwe.revocation.store", "a RevocationStoreFactory on the class path"
                        + " cannot be loaded: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Builds the validator from these settings.
     *
     * @return the validator
     * @throws ConfigurationException naming the setting when anything is wrong
     */
    public JweTokenValidator buildValidator() {
        return toValidatorBuilder().build();
    }

    private KeySource loadKeys(String setting, String locations, String passwordSetting, boolean remote) {
        KeySources.Builder b = KeySources.builder(locations).passwordSetting(passwordSetting);
        get(passwordSetting).ifPresent(p -> b.password(p.toCharArray()));
        getDuration("jwe.keys.reload-interval").ifPresent(b::reloadInterval);
        if (remote) {
            b.allowRemote();
            getDuration("jwe.verification.refresh").ifPresent(b::refresh);
            getDuration("jwe.verification.min-refresh-interval").ifPresent(b::minRefreshInterval);
            getDuration("jwe.verification.stale-if-error").ifPresent(b::staleIfError);
            getDuration("jwe.verification.timeout").ifPresent(b::timeout);
            b.fetchAtStart(getBoolean("jwe.verification.fetch-at-start"));
        }
        try {
            return b.build();
        } catch (KeySourceException e) {
            throw new ConfigurationException(setting, e.getMessage(), e);
        }
    }

    /** The settings that are set and where each came from, secrets masked; for start-up logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            Setting s = BY_NAME.get(e.getKey());
            String shown = s.secret() ? "******" : e.getValue().startsWith("{") ? "(inline JSON)" : e.getValue();
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(shown)
                    .append(" (").append(origins.get(e.getKey())).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "JweSettings[" + describe() + "]";
    }

    private static void requireKnown(String name) {
        if (!BY_NAME.containsKey(name)) {
            throw new IllegalArgumentException("Not a jwe setting: " + name);
        }
    }

    /**
     * Layers sources; the first added wins. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a source whose keys can be listed; unknown {@code jwe.*} keys are errors.
         *
         * @param origin a name for messages, e.g. {@code init-param}
         * @param source the settings
         * @return this
         */
        public Builder add(String origin, Map<String, String> source) {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(source, "source");
            for (Map.Entry<String, String> e : source.entrySet()) {
                String key = e.getKey();
                if (key == null || !key.startsWith("jwe.")) {
                    continue;
                }
                if (!BY_NAME.containsKey(key)) {
                    throw new ConfigurationException(key, "unknown setting (from " + origin + ")");
                }
                put(key, e.getValue(), origin);
            }
            return this;
        }

        /**
         * Adds a source that can only be asked by name (e.g. environment variables): each known
         * setting is looked up under the name {@code naming} gives it.
         *
         * @param origin a name for messages
         * @param lookup the lookup
         * @param naming maps a setting name to the source's name for it
         * @return this
         */
        public Builder addLookup(String origin, Function<String, String> lookup, Function<String, String> naming) {
            for (Setting s : KNOWN) {
                put(s.name(), lookup.apply(naming.apply(s.name())), origin);
            }
            return this;
        }

        /**
         * Adds the JVM system properties ({@code -Djwe.issuer=...}).
         *
         * @return this
         */
        public Builder addSystemProperties() {
            Map<String, String> props = new LinkedHashMap<>();
            System.getProperties().stringPropertyNames().forEach(n -> props.put(n, System.getProperty(n)));
            return add("system property", props);
        }

        /**
         * Adds environment variables ({@code JWE_ISSUER=...}).
         *
         * @param environment the environment, normally {@code System.getenv()}
         * @return this
         */
        public Builder addEnvironment(Map<String, String> environment) {
            return addLookup("environment", environment::get, JweSettings::environmentName);
        }

        private void put(String key, String value, String origin) {
            if (value != null && !value.isBlank() && !values.containsKey(key)) {
                values.put(key, value.trim());
                origins.put(key, origin);
            }
        }

        /**
         * Reads {@code jwe.config} (if set) as the lowest layer and builds.
         *
         * @return the settings
         * @throws ConfigurationException naming the setting when a key is unknown or the file unreadable
         */
        public JweSettings build() {
            String config = values.get("jwe.config");
            if (config != null) {
                Path path = Paths.get(config);
                Properties props = new Properties();
                try (Reader r = Files.newBufferedReader(path)) {
                    props.load(r);
                } catch (IOException | RuntimeException e) {
                    throw new ConfigurationException("jwe.config", "cannot read properties file " + config);
                }
                Map<String, String> fromFile = new LinkedHashMap<>();
                props.stringPropertyNames().forEach(n -> fromFile.put(n, props.getProperty(n)));
                if (fromFile.containsKey("jwe.config")) {
                    throw new ConfigurationException("jwe.config", "a config file cannot name another one");
                }
                add("file " + config, fromFile);
            }
            return new JweSettings(values, origins);
        }
    }
}
