package dev.jwe.jcache;

import static dev.jwe.jcache.JCacheSettings.CACHE_NAME;
import static dev.jwe.jcache.JCacheSettings.PROPERTIES;
import static dev.jwe.jcache.JCacheSettings.PROVIDER;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.RevocationStore;
import dev.jwe.core.RevocationStoreFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * {@code jwe.revocation.store=jcache}: opens a {@link JCacheRevocationStore} on the
 * {@code CachingProvider} named by {@code jwe.revocation.jcache.provider} (always by name: with
 * several providers on the class path the no-argument lookup fails), with the optional
 * configuration URI {@code jwe.revocation.jcache.uri}, provider properties
 * {@code jwe.revocation.jcache.properties} and the cache name {@code jwe.revocation.cache-name}
 * (all declared in {@link JCacheSettings}).
 *
 * <p>The cache manager is opened with the provider's own default class loader, not the web
 * application's: Hazelcast scopes cache names by the manager's URI and (when not the default)
 * class loader, and a class loader's name differs between replicas. Our values are JDK types, so
 * no application class is ever needed to read them. The manager stays the provider's (see
 * {@link JCacheRevocationStore}). Registered as a {@link java.util.ServiceLoader} service; stateless.
 */
public final class JCacheRevocationStoreFactory implements RevocationStoreFactory {
    /** For {@link java.util.ServiceLoader}. */
    public JCacheRevocationStoreFactory() {
    }

    @Override
    public String name() {
        return "jcache";
    }

    @Override
    public RevocationStore create(JweSettings settings, Duration retention, Duration replayWindow, Clock clock) {
        String providerName = settings.find(PROVIDER).orElseThrow(() -> new ConfigurationException(PROVIDER.name(),
                "required with jwe.revocation.store=jcache: the class name of the JCache CachingProvider,"
                        + " e.g. com.hazelcast.cache.HazelcastCachingProvider"));
        URI uri = null;
        if (settings.find(JCacheSettings.URI).isPresent()) {
            try {
                uri = new URI(settings.get(JCacheSettings.URI));
            } catch (URISyntaxException e) {
                throw new ConfigurationException(JCacheSettings.URI.name(), "not a valid URI");
            }
        }
        Properties properties = properties(settings);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = JCacheRevocationStoreFactory.class.getClassLoader();
        }
        CachingProvider provider;
        try {
            provider = Caching.getCachingProvider(providerName, loader);
        } catch (RuntimeException e) {
            throw new ConfigurationException(PROVIDER.name(), "cannot load the CachingProvider " + providerName + ": "
                    + describe(e), e);
        }
        CacheManager manager;
        try {
            manager = provider.getCacheManager(uri != null ? uri : provider.getDefaultURI(),
                    provider.getDefaultClassLoader(), properties);
        } catch (RuntimeException e) {
            throw new ConfigurationException(uri != null ? JCacheSettings.URI.name() : PROVIDER.name(),
                    "the provider cannot open a cache manager: " + describe(e), e);
        }
        try {
            return JCacheRevocationStore.builder(manager).cacheName(settings.get(CACHE_NAME))
                    .retention(retention).replayWindow(replayWindow).clock(clock).build();
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException(CACHE_NAME.name(), "cannot open or create the caches: "
                    + describe(e), e);
        }
    }

    private static Properties properties(JweSettings settings) {
        Properties out = new Properties();
        for (String pair : settings.get(PROPERTIES)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException(PROPERTIES.name(), "expected comma-separated key=value pairs");
            }
            out.setProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    /** The exception chain's types and messages: start-up errors, never request data. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }
}
