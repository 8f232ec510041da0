package dev.jwe.core;

import static dev.jwe.core.settings.CoreSettings.*;

import dev.jwe.core.settings.AdapterSettings;
import dev.jwe.core.settings.CoreSettings;
import dev.jwe.core.settings.IssuerSettings;
import dev.jwe.core.settings.Setting;
import dev.jwe.core.settings.SettingsCatalog;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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
 * An unknown {@code jwe.*} key is an error that names it (and the module it belongs to, when that
 * module is missing). Immutable and thread-safe once built.
 *
 * <p>The settings are declared once, in {@link dev.jwe.core.settings}: core's in {@link CoreSettings}
 * and {@link AdapterSettings}, a module's in its {@link dev.jwe.core.settings.SettingsDeclaration}.
 * Read them typed, with the declared default applied: {@code settings.get(CoreSettings.CLOCK_SKEW)}
 * is a {@link Duration}. The string methods ({@link #get(String)}, {@link #getList(String)}, ...)
 * read the same values by name.
 */
public final class JweSettings {

    private final SettingsCatalog catalog;
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private JweSettings(SettingsCatalog catalog, Map<String, String> values, Map<String, String> origins) {
        this.catalog = catalog;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /**
     * Every known setting: core's ({@link CoreSettings}, {@link AdapterSettings}) in documentation
     * order, then those of the modules on the class path (e.g. {@code jwe-servlet}, {@code jwe-jcache}).
     *
     * @return the declarations
     */
    public static List<Setting<?>> knownSettings() {
        return SettingsCatalog.load().settings();
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
     * A setting's value, or its declared default.
     *
     * @param setting the setting, e.g. {@link CoreSettings#CLOCK_SKEW}
     * @param <T> its type
     * @return the value if set, else the default; an unset list without a default is empty, any
     *     other setting without a default is {@code null}
     * @throws ConfigurationException naming the setting when the value is malformed
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Optional<T> set = find(setting);
        if (set.isPresent()) {
            return set.get();
        }
        if (setting.defaultValue() == null && setting.type() == Setting.Type.LIST) {
            return (T) List.of();
        }
        return setting.defaultValue();
    }

    /**
     * A setting's value, only if set (no default).
     *
     * @param setting the setting
     * @param <T> its type
     * @return the value
     * @throws ConfigurationException naming the setting when the value is malformed
     */
    public <T> Optional<T> find(Setting<T> setting) {
        return get(setting.name()).map(v -> parse(setting.name(), setting::parse, v));
    }

    private static <T> T parse(String name, Function<String, T> parser, String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name, e.getMessage());
        }
    }

    /**
     * A setting's value, if set (blank counts as unset).
     *
     * @param name the setting
     * @return the value
     * @throws IllegalArgumentException when no module of this project declares the name
     */
    public Optional<String> get(String name) {
        requireKnown(name);
        return Optional.ofNullable(values.get(name));
    }

    /**
     * A boolean setting ({@code true}/{@code false}, case-insensitive), or its default ({@code false}
     * when it has none).
     *
     * @param name the setting
     * @return the value
     */
    public boolean getBoolean(String name) {
        Optional<String> v = get(name);
        if (v.isPresent()) {
            return (Boolean) parse(name, Setting.Type.BOOLEAN::parse, v.get());
        }
        return catalog.find(name).map(Setting::defaultValue).orElse(null) instanceof Boolean b && b;
    }

    /**
     * A duration setting (ISO-8601, e.g. {@code PT30S}), if set.
     *
     * @param name the setting
     * @return the value
     */
    public Optional<Duration> getDuration(String name) {
        return get(name).map(v -> (Duration) parse(name, Setting.Type.DURATION::parse, v));
    }

    /**
     * An integer setting, if set.
     *
     * @param name the setting
     * @return the value
     */
    public Optional<Integer> getInt(String name) {
        return get(name).map(v -> (Integer) parse(name, Setting.Type.INTEGER::parse, v));
    }

    /**
     * A comma-separated setting as a list (trimmed, empties dropped); empty when unset.
     *
     * @param name the setting
     * @return the values
     */
    @SuppressWarnings("unchecked")
    public List<String> getList(String name) {
        return get(name).map(v -> (List<String>) Setting.Type.LIST.parse(v)).orElse(List.of());
    }

    /**
     * The decryption keys these settings name ({@code jwe.decryption.keys}, with
     * {@code jwe.decryption.keystore-password} and {@code jwe.keys.reload-interval}): the one way
     * from the setting to a {@link KeySource}, used by the validator and by the JWKS publishing
     * servlet alike, so both see a rotated key file. Each call makes a new source.
     *
     * @return the source, or empty when the setting is not set
     * @throws ConfigurationException naming the setting when the keys cannot be loaded
     */
    public Optional<KeySource> decryptionKeys() {
        return find(DECRYPTION_KEYS).map(v -> keySource(DECRYPTION_KEYS, v, DECRYPTION_KEYSTORE_PASSWORD, false));
    }

    /**
     * The verification keys these settings name ({@code jwe.verification.*}, with
     * {@code jwe.keys.reload-interval}); remote key sets are allowed here. Each call makes a new source.
     *
     * @return the source, or empty when the setting is not set
     * @throws ConfigurationException naming the setting when the keys cannot be loaded
     */
    public Optional<KeySource> verificationKeys() {
        return find(VERIFICATION_KEYS).map(v -> keySource(VERIFICATION_KEYS, v, VERIFICATION_KEYSTORE_PASSWORD, true));
    }

    KeySource keySource(Setting<String> setting, String locations, Setting<String> password, boolean remote) {
        KeySources.Builder b = KeySources.builder(locations).passwordSetting(password.name())
                .reloadInterval(get(KEYS_RELOAD_INTERVAL));
        find(password).ifPresent(p -> b.password(p.toCharArray()));
        return build(setting.name(), remote ? remoteOptions(b) : b);
    }

    /**
     * The keys of an issuer found from its metadata ({@link KeySources#discovery(String)}), with
     * the {@code jwe.verification.*} options of remote key sets.
     */
    KeySource discovered(String setting, String issuer) {
        return build(setting, remoteOptions(KeySources.discovery(issuer)));
    }

    private KeySources.Builder remoteOptions(KeySources.Builder b) {
        return b.allowRemote().refresh(get(VERIFICATION_REFRESH))
                .minRefreshInterval(get(VERIFICATION_MIN_REFRESH_INTERVAL)).staleIfError(get(VERIFICATION_STALE_IF_ERROR))
                .timeout(get(VERIFICATION_TIMEOUT)).fetchAtStart(get(VERIFICATION_FETCH_AT_START));
    }

    private static KeySource build(String setting, KeySources.Builder b) {
        try {
            return b.build();
        } catch (KeySourceException e) {
            throw new ConfigurationException(setting, e.getMessage(), e);
        }
    }

    /**
     * A builder with every core setting applied; adapters may add listeners or a clock, then build.
     *
     * @return the builder
     * @throws ConfigurationException naming the setting when a value is invalid
     */
    public JweTokenValidator.Builder toValidatorBuilder() {
        JweTokenValidator.Builder b = JweTokenValidator.builder();
        decryptionKeys().ifPresent(b::decryptionKeys);
        IssuerSettingsReader.bind(this, b);
        if (get(IGNORE_ISSUER)) {
            b.ignoreIssuer();
        }
        find(AUDIENCE).ifPresent(b::audiences);
        if (get(IGNORE_AUDIENCE)) {
            b.ignoreAudience();
        }
        find(KEY_MANAGEMENT_ALGORITHMS).ifPresent(b::keyManagementAlgorithms);
        find(CONTENT_ENCRYPTION_ALGORITHMS).ifPresent(b::contentEncryptionAlgorithms);
        find(SIGNATURE_ALGORITHMS).ifPresent(b::signatureAlgorithms);
        if (!get(SIGNATURE_REQUIRED)) {
            b.allowUnsignedWithSymmetricKeyManagement();
        }
        b.clockSkew(get(CLOCK_SKEW)).maxTokenLength(get(MAX_TOKEN_LENGTH)).cryptoProvider(get(CRYPTO_PROVIDER));
        find(MAX_LIFETIME).ifPresent(b::maxLifetime);
        find(REQUIRED_CLAIMS).ifPresent(b::requiredClaims);
        find(TOKEN_TYPE).ifPresent(b::tokenType);
        b.principalClaim(get(PRINCIPAL_CLAIM)).rolesClaim(get(ROLES_CLAIM)).scopeClaim(get(SCOPE_CLAIM));
        b.cacheMaxEntries(get(CACHE_MAX_ENTRIES)).cacheMaxTtl(get(CACHE_MAX_TTL)).cacheRejectTtl(get(CACHE_REJECT_TTL));
        b.revocationStore(this::buildRevocationStore);
        if (!get(REVOCATION_FAIL_OPEN)) {
            b.revocationFailClosed();
        }
        if (get(REPLAY_PROTECT)) {
            b.replayProtection();
        }
        if (get(REPLAY_FAIL_OPEN)) {
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
        String name = get(REVOCATION_STORE);
        Duration retention = get(REVOCATION_RETENTION);
        Duration window = get(REPLAY_WINDOW);
        if (name.equals("memory")) {
            return new InMemoryRevocationStore(get(REVOCATION_MAX_ENTRIES), retention, window, clock);
        }
        List<String> found = new ArrayList<>(List.of("memory"));
        for (RevocationStoreFactory factory : revocationStoreFactories()) {
            if (factory.name().equals(name)) {
                return factory.create(this, retention, window, clock);
            }
            found.add(factory.name());
        }
        throw new ConfigurationException(REVOCATION_STORE.name(), "no store named '" + name + "' on the class path"
                + (name.equals("jcache") ? " (add the dev.jwe:jwe-jcache module)" : "") + "; available: " + found);
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
                throw new ConfigurationException(REVOCATION_STORE.name(), "a RevocationStoreFactory on the class path"
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

    /** The settings that are set and where each came from, secrets masked; for start-up logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            boolean secret = catalog.find(e.getKey()).or(() -> IssuerSettings.template(e.getKey()))
                    .map(Setting::isSecret).orElse(true);
            String shown = secret ? "******" : e.getValue().startsWith("{") ? "(inline JSON)" : e.getValue();
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(shown)
                    .append(" (").append(origins.get(e.getKey())).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "JweSettings[" + describe() + "]";
    }

    /** Known here, or declared by a module of this project that is absent (so it cannot be set). */
    private void requireKnown(String name) {
        if (catalog.find(name).isEmpty() && SettingsCatalog.moduleDeclaring(name).isEmpty()
                && IssuerSettings.template(name).isEmpty()) {
            throw new IllegalArgumentException("Not a jwe setting: " + name);
        }
    }

    /**
     * Layers sources; the first added wins. Not thread-safe.
     */
    public static final class Builder {
        private final SettingsCatalog catalog = SettingsCatalog.load();
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();
        /** Every source in order, asked by setting name, for the per-issuer keys once jwe.issuers is known. */
        private final List<IssuerSettingsReader.Layer> layers = new ArrayList<>();
        /** Keys under jwe.issuers. given by sources that list their keys, checked in build(). */
        private final Map<String, String> perIssuerKeys = new LinkedHashMap<>();
        /** The environment variable names of the sources that list them, for typos under an issuer's name. */
        private final Map<String, String> environmentNames = new LinkedHashMap<>();


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
                if (catalog.find(key).isEmpty() && IssuerSettings.isPerIssuerKey(key)) {
                    // Known only once jwe.issuers is (it may come from a later source): build() checks it.
                    perIssuerKeys.putIfAbsent(key, origin);
                    continue;
                }
                if (catalog.find(key).isEmpty()) {
                    throw new ConfigurationException(key, "unknown setting (from " + origin
                            + SettingsCatalog.moduleDeclaring(key)
                                    .map(m -> "; it belongs to " + m + ", which is not on the class path").orElse("")
                            + ")");
                }
                put(key, e.getValue(), origin);
            }
            layers.add(new IssuerSettingsReader.Layer(origin, source::get));
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
            for (Setting<?> s : catalog.settings()) {
                put(s.name(), lookup.apply(naming.apply(s.name())), origin);
            }
            layers.add(new IssuerSettingsReader.Layer(origin, name -> lookup.apply(naming.apply(name))));
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
            for (String name : environment.keySet()) {
                if (name != null && name.startsWith(environmentName(CoreSettings.ISSUERS.name()) + "_")) {
                    environmentNames.putIfAbsent(name, "environment");
                }
            }
            return addLookup("environment", environment::get, JweSettings::environmentName);
        }

        private void put(String key, String value, String origin) {
            if (value != null && !value.isBlank() && !values.containsKey(key)) {
                values.put(key, value.trim());
                origins.put(key, origin);
            }
        }

        /**
         * Reads {@code jwe.config} (if set) as the lowest layer, checks that every setting given
         * applies (e.g. a {@code jwe.revocation.jcache.*} setting needs {@code jwe.revocation.store=jcache})
         * and builds.
         *
         * @return the settings
         * @throws ConfigurationException naming the setting when a key is unknown, the file unreadable,
         *     or a setting does not apply
         */
        public JweSettings build() {
            String config = values.get(CONFIG.name());
            if (config != null) {
                Path path = Paths.get(config);
                Properties props = new Properties();
                try (Reader r = Files.newBufferedReader(path)) {
                    props.load(r);
                } catch (IOException | RuntimeException e) {
                    throw new ConfigurationException(CONFIG.name(), "cannot read properties file " + config);
                }
                Map<String, String> fromFile = new LinkedHashMap<>();
                props.stringPropertyNames().forEach(n -> fromFile.put(n, props.getProperty(n)));
                if (fromFile.containsKey(CONFIG.name())) {
                    throw new ConfigurationException(CONFIG.name(), "a config file cannot name another one");
                }
                add("file " + config, fromFile);
            }
            for (String key : values.keySet()) {
                catalog.find(key).flatMap(Setting::condition).ifPresent(c -> checkApplies(key, c));
            }
            IssuerSettingsReader.resolve(values, perIssuerKeys, environmentNames, layers, this::put);
            return new JweSettings(catalog, values, origins);
        }

        /** A setting that only applies with another's value would do nothing otherwise: an error. */
        private void checkApplies(String key, Setting.Condition c) {
            String selected = values.getOrDefault(c.selector().name(), c.selector().defaultValue());
            if (!c.value().equals(selected)) {
                throw new ConfigurationException(key, "applies to " + c.selector().name() + "=" + c.value() + " only"
                        + (c.note() == null ? "" : "; " + c.note()));
            }
        }
    }
}
