package dev.jwe.core.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every setting known in this process: core's, then those of the {@link SettingsDeclaration}s
 * found on the class path (the thread's context class loader first, as in a web application,
 * then this library's). Immutable once loaded.
 */
public final class SettingsCatalog {

    /**
     * The settings that this project's other modules declare, by owning module. Core cannot see a
     * module that is not on the class path, yet a key of that module deserves a better error than
     * "unknown": it names the module to add. Each module's tests check that this table and the
     * module's declarations agree.
     */
    private static final Map<String, String> DECLARED_BY_MODULES = Map.of(
            "jwe.exclude-paths", "jwe-servlet",
            "jwe.replay.paths", "jwe-servlet",
            "jwe.resource.authorization-servers", "jwe-servlet",
            "jwe.resource.scopes", "jwe-servlet",
            "jwe.resource.jwks-uri", "jwe-servlet",
            "jwe.revocation.jcache.provider", "jwe-jcache",
            "jwe.revocation.jcache.uri", "jwe-jcache",
            "jwe.revocation.jcache.properties", "jwe-jcache",
            "jwe.revocation.cache-name", "jwe-jcache");

    private final Map<String, Setting<?>> byName;

    private SettingsCatalog(Map<String, Setting<?>> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Core's settings and every module's found on the class path.
     *
     * @return the catalog
     * @throws IllegalStateException when a declaration cannot be loaded or a name is declared twice
     */
    public static SettingsCatalog load() {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        CoreSettings.ALL.forEach(s -> add(byName, s));
        AdapterSettings.ALL.forEach(s -> add(byName, s));
        for (SettingsDeclaration d : declarations()) {
            d.settings().forEach(s -> add(byName, s));
        }
        return new SettingsCatalog(byName);
    }

    private static void add(Map<String, Setting<?>> byName, Setting<?> s) {
        Setting<?> earlier = byName.putIfAbsent(s.name(), s);
        if (earlier != null && earlier != s && !earlier.owner().equals(s.owner())) {
            throw new IllegalStateException(s.name() + " is declared by both " + earlier.owner() + " and " + s.owner());
        }
    }

    /** Declarations visible to the context class loader, then to this library's; each class once. */
    private static List<SettingsDeclaration> declarations() {
        List<SettingsDeclaration> out = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, SettingsCatalog.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                for (SettingsDeclaration d : ServiceLoader.load(SettingsDeclaration.class, loader)) {
                    if (out.stream().noneMatch(o -> o.getClass().getName().equals(d.getClass().getName()))) {
                        out.add(d);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a jwe SettingsDeclaration on the class path cannot be loaded: "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Every known setting: core's in documentation order, then each module's. */
    public List<Setting<?>> settings() {
        return List.copyOf(byName.values());
    }

    /**
     * @param name a key, e.g. {@code jwe.issuer}
     * @return its declaration, when known here
     */
    public Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The module of this project that declares a key, for keys outside {@code jwe-core}, e.g.
     * {@code jwe-jcache} for {@code jwe.revocation.jcache.uri}; known whether or not the module
     * is on the class path.
     *
     * @param name the key
     * @return the module's artifact id, or empty for core's keys and for keys no module declares
     */
    public static Optional<String> moduleDeclaring(String name) {
        return Optional.ofNullable(DECLARED_BY_MODULES.get(name));
    }

    /**
     * The keys that one of this project's other modules declares (see {@link #moduleDeclaring}).
     *
     * @param module e.g. {@code jwe-servlet}
     * @return the keys, sorted
     */
    public static List<String> keysDeclaredBy(String module) {
        return DECLARED_BY_MODULES.entrySet().stream().filter(e -> e.getValue().equals(module)).map(Map.Entry::getKey)
                .sorted().toList();
    }
}
