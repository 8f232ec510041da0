package dev.jwe.core;

import static dev.jwe.core.settings.CoreSettings.ISSUER;
import static dev.jwe.core.settings.CoreSettings.ISSUERS;
import static dev.jwe.core.settings.CoreSettings.SIGNATURE_REQUIRED;
import static dev.jwe.core.settings.CoreSettings.VERIFICATION_KEYS;
import static dev.jwe.core.settings.CoreSettings.VERIFICATION_KEYSTORE_PASSWORD;

import dev.jwe.core.settings.IssuerSettings;
import dev.jwe.core.settings.Setting;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How {@link JweSettings} reads several issuers: the {@code jwe.issuers.<name>.*} keys, which are
 * known only once {@code jwe.issuers} is (it may come from any source, the lowest included), and
 * their binding to {@link TrustedIssuer}s. Stateless.
 */
final class IssuerSettingsReader {
    /**
     * A settings source asked by setting name, in precedence order.
     *
     * @param origin the source's name for messages
     * @param byName the value of a setting, or {@code null}
     */
    record Layer(String origin, Function<String, String> byName) {
    }

    /** Where a resolved value goes (first one wins). */
    @FunctionalInterface
    interface Put {
        void put(String key, String value, String origin);
    }

    private IssuerSettingsReader() {
    }

    /**
     * The {@code jwe.issuers.<name>.*} settings of each name {@code jwe.issuers} lists, from the
     * first source that has each; a key under {@code jwe.issuers.} for another name, or with
     * another suffix, is an error naming it, as an unknown setting is.
     */
    static void resolve(Map<String, String> values, Map<String, String> perIssuerKeys,
            Map<String, String> environmentNames, List<Layer> layers, Put put) {
        String list = values.get(ISSUERS.name());
        List<String> names = list == null ? List.of() : ISSUERS.parse(list);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!IssuerSettings.isValidName(name)) {
                throw new ConfigurationException(ISSUERS.name(), "'" + name + "' is not a valid"
                        + " issuer name: lower case letters, digits and inner dashes");
            }
            if (!seen.add(name)) {
                throw new ConfigurationException(ISSUERS.name(), "names '" + name + "' twice");
            }
        }
        for (Map.Entry<String, String> e : perIssuerKeys.entrySet()) {
            String key = e.getKey();
            String name = IssuerSettings.issuerName(key).orElse("");
            if (!names.contains(name)) {
                throw new ConfigurationException(key, "unknown setting (from " + e.getValue() + "): '" + name
                        + "' is not an issuer named in " + ISSUERS.name()
                        + (list == null ? " (not set)" : "=" + String.join(",", names)));
            }
            if (IssuerSettings.template(key).isEmpty()) {
                throw new ConfigurationException(key, "unknown setting (from " + e.getValue() + ")");
            }
        }
        Set<String> known = new HashSet<>();
        for (String name : names) {
            for (Setting<?> template : IssuerSettings.ALL) {
                String key = IssuerSettings.forIssuer(template, name).name();
                known.add(JweSettings.environmentName(key));
                for (Layer layer : layers) {
                    String value = layer.byName().apply(key);
                    if (value != null && !value.isBlank()) {
                        put.put(key, value, layer.origin());
                        break;
                    }
                }
            }
        }
        for (Map.Entry<String, String> e : environmentNames.entrySet()) {
            boolean underListedName = names.stream()
                    .anyMatch(n -> e.getKey().startsWith(JweSettings.environmentName(ISSUERS.name() + "." + n) + "_"));
            if (underListedName && !known.contains(e.getKey())) {
                throw new ConfigurationException(e.getKey(), "unknown setting (from " + e.getValue()
                        + "): no jwe.issuers.<name>.* setting has this environment variable name");
            }
        }
    }

    /**
     * The issuers and their keys: {@code jwe.issuers}, each with its own keys (given or
     * discovered); else {@code jwe.issuer} with {@code jwe.verification.keys}; else, when
     * signatures are required, each {@code jwe.issuer} with its keys discovered.
     */
    static void bind(JweSettings s, JweTokenValidator.Builder b) {
        List<String> names = s.get(ISSUERS);
        if (names.isEmpty()) {
            Optional<KeySource> keys = s.verificationKeys();
            keys.ifPresent(b::verificationKeys);
            s.find(ISSUER).ifPresent(b::issuers);
            List<String> issuers = s.get(ISSUER);
            boolean urls = issuers.stream().allMatch(i -> i.startsWith("https://") || i.startsWith("http://"));
            if (keys.isEmpty() && urls && s.get(SIGNATURE_REQUIRED)) {
                // At build(), and only if the caller gives no verification keys in code either.
                b.discoverIssuerKeys = issuer -> s.discovered(ISSUER.name(), issuer);
            }
            return;
        }
        if (s.find(ISSUER).isPresent()) {
            throw new ConfigurationException(ISSUERS.name(), "set together with " + ISSUER.name() + "; choose one: "
                    + ISSUER.name() + " for one issuer, " + ISSUERS.name() + " for several, each with its own keys");
        }
        if (s.find(VERIFICATION_KEYS).isPresent()) {
            throw new ConfigurationException(VERIFICATION_KEYS.name(), "not used with " + ISSUERS.name()
                    + ": give each issuer its own keys (jwe.issuers.<name>.verification.keys), or none to discover them");
        }
        for (String name : names) {
            Setting<String> issuerSetting = IssuerSettings.forIssuer(IssuerSettings.ISSUER, name);
            String issuer = s.find(issuerSetting).orElseThrow(() -> new ConfigurationException(issuerSetting.name(),
                    "required: the exact iss of the issuer named '" + name + "' in " + ISSUERS.name()));
            Setting<String> keysSetting = IssuerSettings.forIssuer(IssuerSettings.VERIFICATION_KEYS, name);
            TrustedIssuer.Builder t = TrustedIssuer.builder(name, issuer).verificationKeys(s.find(keysSetting)
                    .map(v -> s.keySource(keysSetting, v, VERIFICATION_KEYSTORE_PASSWORD, true))
                    .orElseGet(() -> s.discovered(issuerSetting.name(), issuer)));
            s.find(IssuerSettings.forIssuer(IssuerSettings.AUDIENCE, name)).ifPresent(t::audiences);
            s.find(IssuerSettings.forIssuer(IssuerSettings.PRINCIPAL_CLAIM, name)).ifPresent(t::principalClaim);
            s.find(IssuerSettings.forIssuer(IssuerSettings.ROLES_CLAIM, name)).ifPresent(t::rolesClaim);
            s.find(IssuerSettings.forIssuer(IssuerSettings.SCOPE_CLAIM, name)).ifPresent(t::scopeClaim);
            s.find(IssuerSettings.forIssuer(IssuerSettings.TOKEN_TYPE, name)).ifPresent(t::tokenType);
            b.trustedIssuer(t.build());
        }
    }
}
