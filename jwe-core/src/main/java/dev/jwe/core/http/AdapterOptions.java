package dev.jwe.core.http;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.settings.AdapterSettings;

/**
 * The settings every adapter (Servlet filter, JAX-RS feature) reads for itself, besides those of
 * the validator, written once so that every adapter accepts and refuses the same values:
 * {@code jwe.realm} (default {@code api}), {@code jwe.anonymous}, {@code jwe.allow-preflight},
 * {@code jwe.token-header}, {@code jwe.token-cookie}, {@code jwe.token-cookie.csrf-protected} and
 * {@code jwe.resource} ({@link ProtectedResource}). Checked when made: a bad value fails the
 * deployment with a {@link ConfigurationException} that names the setting and never repeats the
 * value. Immutable.
 *
 * @param realm {@code jwe.realm}: printable ASCII without {@code "} or {@code \} (RFC 6750 §3)
 * @param anonymous {@code jwe.anonymous}: requests without a token pass unauthenticated
 * @param allowPreflight {@code jwe.allow-preflight}: CORS preflight requests pass without a token
 * @param tokenHeader {@code jwe.token-header}: an RFC 9110 token other than {@code Authorization},
 *     or {@code null}
 * @param tokenCookie {@code jwe.token-cookie}: an RFC 6265 cookie name (an RFC 9110 token), or
 *     {@code null}
 * @param cookieCsrfProtected {@code jwe.token-cookie.csrf-protected}: the application has its own CSRF
 *     protection, so a token in the cookie is accepted on unsafe methods (POST, PUT, PATCH, DELETE)
 *     too; see {@link BearerToken#refusedFor(String, boolean)}
 * @param resource {@code jwe.resource}: this application as an RFC 9728 protected resource, whose
 *     metadata URL every challenge names, or {@code null}
 */
public record AdapterOptions(String realm, boolean anonymous, boolean allowPreflight, String tokenHeader,
        String tokenCookie, boolean cookieCsrfProtected, ProtectedResource resource) {

    /**
     * Options without a protected-resource identifier.
     *
     * @param realm {@code jwe.realm}
     * @param anonymous {@code jwe.anonymous}
     * @param allowPreflight {@code jwe.allow-preflight}
     * @param tokenHeader {@code jwe.token-header}, or {@code null}
     * @param tokenCookie {@code jwe.token-cookie}, or {@code null}
     * @param cookieCsrfProtected {@code jwe.token-cookie.csrf-protected}
     */
    public AdapterOptions(String realm, boolean anonymous, boolean allowPreflight, String tokenHeader,
            String tokenCookie, boolean cookieCsrfProtected) {
        this(realm, anonymous, allowPreflight, tokenHeader, tokenCookie, cookieCsrfProtected, null);
    }

    /**
     * Options without CSRF protection declared for the token cookie.
     *
     * @param realm {@code jwe.realm}
     * @param anonymous {@code jwe.anonymous}
     * @param allowPreflight {@code jwe.allow-preflight}
     * @param tokenHeader {@code jwe.token-header}, or {@code null}
     * @param tokenCookie {@code jwe.token-cookie}, or {@code null}
     */
    public AdapterOptions(String realm, boolean anonymous, boolean allowPreflight, String tokenHeader,
            String tokenCookie) {
        this(realm, anonymous, allowPreflight, tokenHeader, tokenCookie, false, null);
    }

    /** Checks every value; the exceptions name the setting. */
    public AdapterOptions {
        if (realm == null) {
            throw new ConfigurationException(AdapterSettings.REALM.name(), "must be set");
        }
        try {
            Challenge.checkRealm(realm);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(AdapterSettings.REALM.name(),
                    "only printable ASCII without double quote or backslash is allowed (RFC 6750 section 3)");
        }
        if (tokenHeader != null && (!isToken(tokenHeader) || tokenHeader.equalsIgnoreCase("Authorization"))) {
            throw new ConfigurationException(AdapterSettings.TOKEN_HEADER.name(),
                    "must be an HTTP header name (RFC 9110 token) other than Authorization");
        }
        if (tokenCookie != null && !isToken(tokenCookie)) {
            throw new ConfigurationException(AdapterSettings.TOKEN_COOKIE.name(), "must be a cookie name (RFC 6265 token)");
        }
        if (cookieCsrfProtected && tokenCookie == null) {
            throw new ConfigurationException(AdapterSettings.TOKEN_COOKIE_CSRF_PROTECTED.name(),
                    "only means something with " + AdapterSettings.TOKEN_COOKIE.name());
        }
    }

    /**
     * Reads and checks the adapter settings.
     *
     * @param settings the settings of the adapter
     * @return the options
     * @throws ConfigurationException naming the setting that is wrong
     */
    public static AdapterOptions from(JweSettings settings) {
        return new AdapterOptions(settings.get(AdapterSettings.REALM), settings.get(AdapterSettings.ANONYMOUS),
                settings.get(AdapterSettings.ALLOW_PREFLIGHT), settings.get(AdapterSettings.TOKEN_HEADER),
                settings.get(AdapterSettings.TOKEN_COOKIE), settings.get(AdapterSettings.TOKEN_COOKIE_CSRF_PROTECTED),
                ProtectedResource.from(settings).orElse(null));
    }

    /**
     * The {@code resource_metadata} URL the challenges name (RFC 9728 §5.1).
     *
     * @return the metadata URL, or {@code null} without {@code jwe.resource}
     */
    public String resourceMetadata() {
        return resource == null ? null : resource.metadataUrl();
    }

    /** RFC 9110 §5.6.2: {@code token = 1*tchar}; RFC 6265 §4.1.1 names a cookie with the same rule. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
