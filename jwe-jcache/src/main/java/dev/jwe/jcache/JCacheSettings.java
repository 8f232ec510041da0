package dev.jwe.jcache;

import dev.jwe.core.settings.CoreSettings;
import dev.jwe.core.settings.Setting;
import dev.jwe.core.settings.SettingsDeclaration;
import java.util.List;

/**
 * The settings of {@code jwe.revocation.store=jcache}, declared by this module (found by
 * {@link java.util.ServiceLoader} as a {@link SettingsDeclaration}); each applies only with that
 * store, and is an error with another. Stateless.
 */
public final class JCacheSettings implements SettingsDeclaration {
    private static final Setting.Declarer JCACHE = Setting.declaredBy("jwe-jcache");
    private static final String STORE = "jcache";

    /** {@code jwe.revocation.jcache.provider}: the CachingProvider's class name. */
    public static final Setting<String> PROVIDER = JCACHE.string("jwe.revocation.jcache.provider", null,
            "jcache store: class name of the JCache CachingProvider (required: with several providers the default"
                    + " lookup fails).").onlyWith(CoreSettings.REVOCATION_STORE, STORE, null);
    /** {@code jwe.revocation.jcache.uri}: the provider's configuration URI. */
    public static final Setting<String> URI = JCACHE.string("jwe.revocation.jcache.uri", null,
            "jcache store: the provider's configuration URI (Hazelcast: a config file location, e.g."
                    + " classpath:hazelcast-client.xml); the same on every replica.")
            .onlyWith(CoreSettings.REVOCATION_STORE, STORE, null);
    /** {@code jwe.revocation.jcache.properties}: provider properties; secret (they may hold credentials). */
    public static final Setting<List<String>> PROPERTIES = JCACHE.list("jwe.revocation.jcache.properties",
            "jcache store: provider properties, comma-separated key=value (Hazelcast: hazelcast.instance.name=NAME"
                    + " binds to a running member).").asSecret().onlyWith(CoreSettings.REVOCATION_STORE, STORE, null);
    /** {@code jwe.revocation.cache-name}: the revocations cache; uses go to {@code <name>-used}. */
    public static final Setting<String> CACHE_NAME = JCACHE.string("jwe.revocation.cache-name",
            JCacheRevocationStore.DEFAULT_CACHE_NAME, "jcache store: cache of revocations; uses go to <name>"
                    + JCacheRevocationStore.USES_SUFFIX + ".").onlyWith(CoreSettings.REVOCATION_STORE, STORE, null);

    /** For {@link java.util.ServiceLoader}. */
    public JCacheSettings() {
    }

    /** {@link #PROVIDER}, {@link #URI}, {@link #PROPERTIES}, {@link #CACHE_NAME}. */
    @Override
    public List<Setting<?>> settings() {
        return List.of(PROVIDER, URI, PROPERTIES, CACHE_NAME);
    }
}
