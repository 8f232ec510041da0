package dev.jwe.core.settings;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one issuer among several ({@link CoreSettings#ISSUERS}): declared once here
 * under the placeholder {@code <name>} ({@code jwe.issuers.<name>.issuer}), and read for each
 * name that {@code jwe.issuers} lists through {@link #forIssuer(Setting, String)}. A key under
 * {@code jwe.issuers.} is known only for a listed name and one of these suffixes; anything else
 * is an error naming the key. Immutable.
 */
public final class IssuerSettings {
    private static final Setting.Declarer CORE = Setting.declaredBy("jwe-core");
    /** The placeholder in the declared names. */
    public static final String PLACEHOLDER = "<name>";
    private static final String PREFIX = CoreSettings.ISSUERS.name() + ".";
    /** Issuer names: lower case letters, digits and inner dashes (they become environment variable names). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** {@code jwe.issuers.<name>.issuer}: the exact {@code iss} of this issuer. */
    public static final Setting<String> ISSUER = declare(CORE.string("jwe.issuers.x.issuer", null,
            "Required for each name in jwe.issuers: the exact iss of that issuer."));
    /** {@code jwe.issuers.<name>.verification.keys}: this issuer's keys, else discovered. */
    public static final Setting<String> VERIFICATION_KEYS = declare(CORE.string("jwe.issuers.x.verification.keys", null,
            "The keys that verify this issuer's tokens (as jwe.verification.keys); only they can. Absent: discovered"
                    + " from the issuer's metadata (OpenID Connect discovery, then RFC 8414).")
            .documentedDefault("discovered"));
    /** {@code jwe.issuers.<name>.audience}: this issuer's expected audiences. */
    public static final Setting<List<String>> AUDIENCE = declare(CORE.list("jwe.issuers.x.audience",
            "Expected audiences of this issuer's tokens.").documentedDefault("jwe.audience"));
    /** {@code jwe.issuers.<name>.principal-claim}: this issuer's principal claim(s). */
    public static final Setting<String> PRINCIPAL_CLAIM = declare(CORE.string("jwe.issuers.x.principal-claim", null,
            "Principal claim(s) of this issuer's tokens.").documentedDefault("jwe.principal-claim"));
    /** {@code jwe.issuers.<name>.roles-claim}: this issuer's roles claim(s). */
    public static final Setting<String> ROLES_CLAIM = declare(CORE.string("jwe.issuers.x.roles-claim", null,
            "Roles claim(s) of this issuer's tokens.").documentedDefault("jwe.roles-claim"));
    /** {@code jwe.issuers.<name>.scope-claim}: this issuer's scope claim(s). */
    public static final Setting<String> SCOPE_CLAIM = declare(CORE.string("jwe.issuers.x.scope-claim", null,
            "Scope claim(s) of this issuer's tokens.").documentedDefault("jwe.scope-claim"));
    /** {@code jwe.issuers.<name>.token-type}: this issuer's required {@code typ}. */
    public static final Setting<String> TOKEN_TYPE = declare(CORE.string("jwe.issuers.x.token-type", null,
            "Required typ of this issuer's tokens.").documentedDefault("jwe.token-type"));

    /** Every per-issuer setting, in documentation order, under the placeholder name. */
    public static final List<Setting<?>> ALL = List.of(ISSUER, VERIFICATION_KEYS, AUDIENCE, PRINCIPAL_CLAIM,
            ROLES_CLAIM, SCOPE_CLAIM, TOKEN_TYPE);

    private IssuerSettings() {
    }

    private static <T> Setting<T> declare(Setting<T> declared) {
        return declared.renamed(declared.name().replace("jwe.issuers.x.", PREFIX + PLACEHOLDER + "."));
    }

    /**
     * One per-issuer setting under an issuer's name, e.g. {@code jwe.issuers.kc.issuer}.
     *
     * @param setting one of {@link #ALL}
     * @param name the issuer's name, as listed in {@code jwe.issuers}
     * @param <T> its type
     * @return the declaration under that name
     * @throws IllegalArgumentException when the setting is not one of {@link #ALL}
     */
    public static <T> Setting<T> forIssuer(Setting<T> setting, String name) {
        if (!ALL.contains(setting)) {
            throw new IllegalArgumentException("not a per-issuer setting: " + setting.name());
        }
        return setting.renamed(setting.name().replace(PLACEHOLDER, name));
    }

    /**
     * Whether a name may be listed in {@code jwe.issuers}: lower case letters, digits and inner
     * dashes, so that each maps to one environment variable name.
     *
     * @param name the name
     * @return whether it is well-formed
     */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Whether a key lies under {@code jwe.issuers.} (a per-issuer key, known or not).
     *
     * @param key the key
     * @return whether it starts with {@code jwe.issuers.}
     */
    public static boolean isPerIssuerKey(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * The issuer name in a per-issuer key: {@code kc} in {@code jwe.issuers.kc.issuer}.
     *
     * @param key a key under {@code jwe.issuers.}
     * @return the name, or empty when the key has no name segment
     */
    public static Optional<String> issuerName(String key) {
        if (!isPerIssuerKey(key)) {
            return Optional.empty();
        }
        int dot = key.indexOf('.', PREFIX.length());
        return dot <= PREFIX.length() ? Optional.empty() : Optional.of(key.substring(PREFIX.length(), dot));
    }

    /**
     * The declaration a per-issuer key stands for.
     *
     * @param key e.g. {@code jwe.issuers.kc.roles-claim}
     * @return the setting under the placeholder ({@link #ROLES_CLAIM}), or empty for a key that is
     *     not one of them (a typo)
     */
    public static Optional<Setting<?>> template(String key) {
        Optional<String> name = issuerName(key);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String generic = PREFIX + PLACEHOLDER + key.substring(PREFIX.length() + name.get().length());
        return ALL.stream().filter(s -> s.name().equals(generic)).findFirst();
    }
}
