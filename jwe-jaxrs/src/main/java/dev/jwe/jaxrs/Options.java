package dev.jwe.jaxrs;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.http.Challenge;
import dev.jwe.core.settings.AdapterSettings;

/**
 * The adapter settings of the JAX-RS feature, checked at start-up. Immutable.
 *
 * @param realm {@code jwe.realm}
 * @param anonymous {@code jwe.anonymous}
 * @param allowPreflight {@code jwe.allow-preflight}
 * @param tokenHeader {@code jwe.token-header}, or {@code null}
 * @param tokenCookie {@code jwe.token-cookie}, or {@code null}
 */
record Options(String realm, boolean anonymous, boolean allowPreflight, String tokenHeader, String tokenCookie) {

    /**
     * Reads and checks the adapter settings.
     *
     * @param settings the settings
     * @return the options
     * @throws ConfigurationException naming the setting that is wrong
     */
    static Options from(JweSettings settings) {
        String realm = settings.get(AdapterSettings.REALM);
        try {
            Challenge.checkRealm(realm);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("jwe.realm",
                    "only printable ASCII without double quote or backslash is allowed (RFC 6750 section 3)");
        }
        String header = settings.get("jwe.token-header").orElse(null);
        if (header != null && (!isToken(header) || header.equalsIgnoreCase("Authorization"))) {
            throw new ConfigurationException("jwe.token-header",
                    "must be an HTTP header name (RFC 9110 token) other than Authorization");
        }
        String cookie = settings.get("jwe.token-cookie").orElse(null);
        if (cookie != null && !isToken(cookie)) {
            throw new ConfigurationException("jwe.token-cookie", "must be a cookie name (RFC 6265 token)");
        }
        return new Options(realm, settings.getBoolean("jwe.anonymous"), settings.getBoolean("jwe.allow-preflight"),
                header, cookie);
    }

    /** RFC 9110 §5.6.2 token: 1*tchar. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c < 0x80 && Character.isLetterOrDigit(c);
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
