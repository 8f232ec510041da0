package dev.jwe.spring;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads the {@code jwe.*} settings from Spring's {@link ConfigurableEnvironment} into
 * {@link JweSettings}, the project's one binder, so that names, defaults and checks are those of
 * web.xml, JAX-RS and the CLI. Own code rather than Boot's {@code Binder}: a bound properties class
 * would be a second list of the settings, and {@code JweSettings} already rejects unknown keys.
 *
 * <p>Property sources are read in Spring's order of precedence (command line, system properties,
 * environment variables, profile-specific and plain {@code application.properties}/{@code .yml},
 * ...), each as one layer; the first that sets a key wins. Names are matched with Boot's relaxed
 * rules ({@code jwe.roles-claim}, {@code jwe.rolesClaim}, {@code jwe.roles_claim}); a YAML list
 * ({@code jwe.audience[0]}, {@code [1]}) is joined with commas. Environment variables are looked
 * up by name ({@code JWE_DECRYPTION_KEYS}), as everywhere. Stateless.
 */
final class JweSpringSettings {
    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("jwe");

    /** Known settings by their Boot name, for relaxed matching. */
    private static final Map<ConfigurationPropertyName, String> KNOWN = known();

    /**
     * Settings of the Servlet filter whose job Spring Security's own configuration does: set, they
     * would silently do nothing, so they are errors that say what to use instead.
     */
    private static final Map<String, String> NOT_USED = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "jwe.realm", "Spring Security's BearerTokenAuthenticationEntryPoint writes the challenge;"
                    + " give it a realmName in your SecurityFilterChain",
            "jwe.anonymous", "allow anonymous requests with authorizeHttpRequests(...).permitAll() in your"
                    + " SecurityFilterChain",
            "jwe.exclude-paths", "exclude paths with authorizeHttpRequests(...).permitAll() in your SecurityFilterChain",
            "jwe.allow-preflight", "let CORS preflight requests through with http.cors(...) in your SecurityFilterChain",
            "jwe.replay.paths", "make every token one-time with jwe.replay.protect=true, or call validateSingleUse"
                    + " of the JweTokenValidator bean where one use must be enforced",
            "jwe.resource", "Spring Security 7 adds resource_metadata to its challenges itself and serves the RFC 9728"
                    + " metadata with oauth2ResourceServer(o -> o.protectedResourceMetadata(...)) in your"
                    + " SecurityFilterChain")));

    private JweSpringSettings() {
    }

    private static Map<ConfigurationPropertyName, String> known() {
        Map<ConfigurationPropertyName, String> m = new LinkedHashMap<>();
        JweSettings.knownSettings().forEach(s -> m.put(ConfigurationPropertyName.of(s.name()), s.name()));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Whether any {@code jwe.*} property (or {@code JWE_*} environment variable) is present: then
     * the auto-configuration is on, and a missing or wrong setting fails the start.
     *
     * @param environment Spring's environment
     * @return whether the application configures jwe
     */
    static boolean anyPresent(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource env) {
                for (String name : env.getPropertyNames()) {
                    if (name.toUpperCase(Locale.ROOT).startsWith("JWE_")) {
                        return true;
                    }
                }
            } else if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (jweName(name) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Reads the settings.
     *
     * @param environment Spring's environment
     * @return the settings
     * @throws ConfigurationException naming the full key of an unknown {@code jwe.*} property, or
     *     a setting that has no effect under Spring Security
     */
    static JweSettings from(ConfigurableEnvironment environment) {
        JweSettings.Builder builder = JweSettings.builder();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource env) {
                // Spring's lookup tries JWE_DECRYPTION_KEYS for jwe.decryption.keys (and lower-case forms).
                builder.addLookup("environment variable", name -> value(environment, name, env.getProperty(name)),
                        name -> name);
            } else if (source instanceof EnumerablePropertySource<?> enumerable) {
                Map<String, String> properties = jweProperties(environment, enumerable);
                // Before add(): a Servlet-filter key is unknown without jwe-servlet, and the advice
                // says more than "unknown setting".
                properties.keySet().forEach(JweSpringSettings::refuseIfNotUsed);
                builder.add(source.getName(), properties);
            }
        }
        JweSettings settings = builder.build();
        NOT_USED.keySet().forEach(name -> {
            if (settings.get(name).isPresent()) {
                refuseIfNotUsed(name);
            }
        });
        return settings;
    }

    private static void refuseIfNotUsed(String name) {
        String advice = NOT_USED.get(name);
        if (advice != null) {
            throw new ConfigurationException(name, "has no effect under Spring Security: " + advice);
        }
    }

    /** The source's jwe.* properties under their canonical names; unknown ones under the name as written. */
    private static Map<String, String> jweProperties(ConfigurableEnvironment environment,
            EnumerablePropertySource<?> source) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> lists = new LinkedHashMap<>();
        for (String name : source.getPropertyNames()) {
            ConfigurationPropertyName adapted = jweName(name);
            if (adapted == null) {
                continue;
            }
            Object raw = source.getProperty(name);
            if (adapted.isLastElementIndexed() && adapted.isNumericIndex(adapted.getNumberOfElements() - 1)) {
                String known = KNOWN.get(adapted.getParent());
                if (known != null) {
                    int index = Integer.parseInt(adapted.getLastElement(ConfigurationPropertyName.Form.ORIGINAL));
                    lists.computeIfAbsent(known, k -> new TreeMap<>()).put(index, value(environment, known, raw));
                    continue;
                }
            }
            String key = Optional.ofNullable(KNOWN.get(adapted)).orElse(name);
            out.putIfAbsent(key, value(environment, key, raw));
        }
        lists.forEach((key, items) -> out.putIfAbsent(key, String.join(",", new ArrayList<>(items.values()))));
        return out;
    }

    /** The name as a Boot name when it is below {@code jwe}, else {@code null}. */
    private static ConfigurationPropertyName jweName(String name) {
        if (name.length() < 4 || !name.regionMatches(true, 0, "jwe", 0, 3)
                || name.charAt(3) != '.' && name.charAt(3) != '[') {
            return null;
        }
        ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(name, '.');
        return PREFIX.isAncestorOf(adapted) ? adapted : null;
    }

    /** Placeholders resolved; Spring's message is not passed on, since it quotes the value. */
    private static String value(ConfigurableEnvironment environment, String key, Object raw) {
        if (raw == null) {
            return null;
        }
        try {
            return environment.resolveRequiredPlaceholders(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, "a ${...} placeholder in its value cannot be resolved");
        }
    }
}
