package dev.jwe.core;

import dev.jwe.core.internal.KeyIo;
import dev.jwe.core.settings.CoreSettings;
import dev.jwe.core.settings.Setting;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link KeySource} from comma-separated locations, each handled by its kind:
 * <ul>
 *   <li>{@code https://...} (or {@code http://} to loopback only): a remote JWK Set, cached and
 *       refreshed ahead of expiry, rate-limited refresh for unknown key ids, stale keys kept
 *       through an outage (for verification keys only);</li>
 *   <li>a file path or {@code file:} URL: loaded now, re-read when the file changes;</li>
 *   <li>inline JSON or a {@code classpath:} resource: loaded once.</li>
 * </ul>
 * Not thread-safe; the sources it builds are.
 */
public final class KeySources {
    private static final Logger LOG = LoggerFactory.getLogger(KeySources.class);

    private KeySources() {
    }

    /**
     * @param locations comma-separated locations
     * @return a builder
     */
    public static Builder builder(String locations) {
        return new Builder(locations, null);
    }

    /**
     * The verification keys of an issuer, found from its URL: its metadata at
     * {@code <issuer>/.well-known/openid-configuration}, else at the RFC 8414 address
     * ({@code /.well-known/oauth-authorization-server} inserted before the issuer's path); the
     * metadata's {@code issuer} must equal this one exactly; its {@code jwks_uri} is then a remote
     * key set with this builder's options. With {@link Builder#fetchAtStart(boolean)} (the default),
     * {@link Builder#build()} reads the metadata and the key set and fails naming the issuer when
     * either cannot be had; without it, the first validation does.
     *
     * @param issuer the issuer identifier ({@code iss}), an https URL (http only to loopback)
     * @return a builder; its location options (password, reload interval) do not apply
     */
    public static Builder discovery(String issuer) {
        return new Builder("", Objects.requireNonNull(issuer, "issuer")).allowRemote();
    }

    /** Options for {@link KeySources}; defaults as documented per method, taken from {@link CoreSettings}. */
    public static final class Builder {
        private final String locations;
        private char[] password;
        private String passwordSetting = CoreSettings.DECRYPTION_KEYSTORE_PASSWORD.name();
        private boolean allowRemote;
        private Duration reloadInterval = CoreSettings.KEYS_RELOAD_INTERVAL.defaultValue();
        private Duration refresh = CoreSettings.VERIFICATION_REFRESH.defaultValue();
        private Duration minRefreshInterval = CoreSettings.VERIFICATION_MIN_REFRESH_INTERVAL.defaultValue();
        private Duration staleIfError = CoreSettings.VERIFICATION_STALE_IF_ERROR.defaultValue();
        private Duration timeout = CoreSettings.VERIFICATION_TIMEOUT.defaultValue();
        private int maxBytes = 1024 * 1024;
        private boolean fetchAtStart = CoreSettings.VERIFICATION_FETCH_AT_START.defaultValue();
        private Clock clock = Clock.systemUTC();

        private final String discoveryIssuer;

        private Builder(String locations, String discoveryIssuer) {
            this.locations = Objects.requireNonNull(locations, "locations");
            this.discoveryIssuer = discoveryIssuer;
        }

        /**
         * @param password PKCS#12 password
         * @return this
         */
        public Builder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * The setting that holds the password, named in the error when a PKCS#12 store has none;
         * default {@code jwe.decryption.keystore-password}.
         *
         * @param setting the setting's name
         * @return this
         */
        public Builder passwordSetting(String setting) {
            this.passwordSetting = Objects.requireNonNull(setting, "passwordSetting");
            return this;
        }

        /**
         * Allows remote (https) locations; only for verification keys.
         *
         * @return this
         */
        public Builder allowRemote() {
            this.allowRemote = true;
            return this;
        }

        /**
         * How often local files are checked for changes ({@code jwe.keys.reload-interval}); default
         * {@link CoreSettings#KEYS_RELOAD_INTERVAL}; zero turns reloading off.
         *
         * @param interval the interval
         * @return this
         */
        public Builder reloadInterval(Duration interval) {
            this.reloadInterval = Objects.requireNonNull(interval, "reloadInterval");
            return this;
        }

        /**
         * How often remote keys are refreshed ({@code jwe.verification.refresh}); default
         * {@link CoreSettings#VERIFICATION_REFRESH}.
         * A {@code Cache-Control: max-age} is honoured between the minimum refresh interval and this.
         *
         * @param refresh the interval
         * @return this
         */
        public Builder refresh(Duration refresh) {
            this.refresh = Objects.requireNonNull(refresh, "refresh");
            return this;
        }

        /**
         * The least time between two fetches for unknown key ids
         * ({@code jwe.verification.min-refresh-interval}); default
         * {@link CoreSettings#VERIFICATION_MIN_REFRESH_INTERVAL}.
         *
         * @param interval the interval
         * @return this
         */
        public Builder minRefreshInterval(Duration interval) {
            this.minRefreshInterval = Objects.requireNonNull(interval, "minRefreshInterval");
            return this;
        }

        /**
         * How long the last good remote keys are used while fetching fails
         * ({@code jwe.verification.stale-if-error}); default
         * {@link CoreSettings#VERIFICATION_STALE_IF_ERROR}.
         *
         * @param staleIfError the time
         * @return this
         */
        public Builder staleIfError(Duration staleIfError) {
            this.staleIfError = Objects.requireNonNull(staleIfError, "staleIfError");
            return this;
        }

        /**
         * Connect and read timeout for remote fetches ({@code jwe.verification.timeout});
         * default {@link CoreSettings#VERIFICATION_TIMEOUT}.
         *
         * @param timeout the timeout
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Largest remote key set accepted, in bytes; default 1 MiB.
         *
         * @param maxBytes the cap
         * @return this
         */
        public Builder maxBytes(int maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Whether the first remote fetch happens at start-up and its failure fails start-up when
         * nothing else is configured ({@code jwe.verification.fetch-at-start}); default
         * {@link CoreSettings#VERIFICATION_FETCH_AT_START}.
         *
         * @param fetchAtStart the flag
         * @return this
         */
        public Builder fetchAtStart(boolean fetchAtStart) {
            this.fetchAtStart = fetchAtStart;
            return this;
        }

        /**
         * @param clock the clock for refresh and reload timing
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Loads local locations now and sets up remote ones.
         *
         * @return the source
         * @throws KeySourceException when a location cannot be used (names it)
         * @throws IllegalArgumentException when an option is out of bounds (names it)
         */
        public KeySource build() {
            check(!timeout.isNegative() && !timeout.isZero() && timeout.compareTo(Duration.ofMinutes(1)) <= 0,
                    CoreSettings.VERIFICATION_TIMEOUT, "must be positive and at most PT1M");
            check(!minRefreshInterval.isNegative() && !minRefreshInterval.isZero(),
                    CoreSettings.VERIFICATION_MIN_REFRESH_INTERVAL, "must be positive");
            check(refresh.compareTo(minRefreshInterval) >= 0, CoreSettings.VERIFICATION_REFRESH,
                    "must be at least " + CoreSettings.VERIFICATION_MIN_REFRESH_INTERVAL.name());
            check(!staleIfError.isNegative(), CoreSettings.VERIFICATION_STALE_IF_ERROR, "must not be negative");
            check(!reloadInterval.isNegative(), CoreSettings.KEYS_RELOAD_INTERVAL, "must not be negative");
            if (maxBytes < 1024) {
                // A builder option of its own, not a setting.
                throw new ConfigurationException("maxBytes", "must be at least 1024");
            }
            RemoteJwks.Options options = new RemoteJwks.Options(refresh, minRefreshInterval, staleIfError, timeout,
                    maxBytes, clock);
            if (discoveryIssuer != null) {
                DiscoveredJwks discovered = new DiscoveredJwks(discoveryIssuer, options);
                if (fetchAtStart) {
                    discovered.discoverNow();
                }
                return discovered;
            }
            List<KeySource> sources = new ArrayList<>();
            List<RemoteJwks> remotes = new ArrayList<>();
            for (String location : KeyIo.splitLocations(locations)) {
                String lower = location.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("https://") || lower.startsWith("http://")) {
                    if (!allowRemote) {
                        throw new KeySourceException("Remote key sets are only for verification keys: " + location);
                    }
                    RemoteJwks remote = new RemoteJwks(location, options);
                    remotes.add(remote);
                    sources.add(remote);
                } else if (location.startsWith("{") || location.startsWith("classpath:") || reloadInterval.isZero()) {
                    sources.add(KeySource.of(KeySet.of(KeyLoading.load(location, password, passwordSetting))));
                } else {
                    sources.add(new ReloadingKeyFile(location, password, passwordSetting, reloadInterval, clock));
                }
            }
            if (sources.isEmpty()) {
                throw new KeySourceException("No key location given");
            }
            if (fetchAtStart) {
                for (RemoteJwks remote : remotes) {
                    try {
                        remote.fetchNow();
                    } catch (KeySourceException e) {
                        if (sources.size() == 1) {
                            throw e;
                        }
                        LOG.error("jwe: {}; going on with the other key locations", e.getMessage());
                    }
                }
            }
            return sources.size() == 1 ? sources.get(0) : new CompositeKeySource(sources);
        }

        private static void check(boolean ok, Setting<?> setting, String problem) {
            if (!ok) {
                throw new ConfigurationException(setting.name(), problem);
            }
        }
    }
}
