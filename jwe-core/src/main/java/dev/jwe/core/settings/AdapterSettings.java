package dev.jwe.core.settings;

import java.util.List;

/**
 * The options every HTTP adapter reads (the Servlet filter, the JAX-RS feature): how the token is
 * found, what a request without one may do, and the realm of the challenges. Declared by
 * {@code jwe-core} because they are shared; the HTTP layer ({@code dev.jwe.core.http}) checks
 * their values.
 */
public final class AdapterSettings {
    private static final Setting.Declarer CORE = Setting.declaredBy("jwe-core");

    /** {@code jwe.realm}: the realm of {@code WWW-Authenticate} challenges. */
    public static final Setting<String> REALM = CORE.string("jwe.realm", "api",
            "Realm in WWW-Authenticate challenges.");
    /** {@code jwe.anonymous}: requests without a token pass unauthenticated. */
    public static final Setting<Boolean> ANONYMOUS = CORE.bool("jwe.anonymous", false,
            "true: requests without a token pass unauthenticated (a bad token is still rejected).");
    /** {@code jwe.allow-preflight}: CORS preflight requests pass without a token. */
    public static final Setting<Boolean> ALLOW_PREFLIGHT = CORE.bool("jwe.allow-preflight", false,
            "true: CORS preflight OPTIONS requests pass without a token.");
    /** {@code jwe.token-header}: another header that may carry the raw token. */
    public static final Setting<String> TOKEN_HEADER = CORE.string("jwe.token-header", null,
            "Also read the token from this header (raw token, no Bearer prefix).");
    /** {@code jwe.token-cookie}: a cookie that may carry the token. */
    public static final Setting<String> TOKEN_COOKIE = CORE.string("jwe.token-cookie", null,
            "Also read the token from this cookie (safe methods only, see jwe.token-cookie.csrf-protected).");
    /**
     * {@code jwe.token-cookie.csrf-protected}: the application has its own CSRF protection, so a
     * token in the cookie is accepted on unsafe methods too.
     */
    public static final Setting<Boolean> TOKEN_COOKIE_CSRF_PROTECTED = CORE.bool("jwe.token-cookie.csrf-protected",
            false, "true: the application has its own CSRF protection; a token in the cookie is then accepted on"
                    + " POST, PUT, PATCH, DELETE too (default: GET, HEAD, OPTIONS, TRACE only, 400 otherwise).");

    /**
     * {@code jwe.resource}: the RFC 9728 resource identifier; turns on {@code resource_metadata} in
     * challenges and the protected-resource metadata servlet.
     */
    public static final Setting<String> RESOURCE = CORE.string("jwe.resource", null,
            "The resource identifier (RFC 9728): an https URL, http only on loopback. Set, every WWW-Authenticate"
                    + " challenge carries resource_metadata and ProtectedResourceMetadataServlet serves the metadata.");

    /** Every setting above, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(REALM, ANONYMOUS, ALLOW_PREFLIGHT, TOKEN_HEADER, TOKEN_COOKIE,
            TOKEN_COOKIE_CSRF_PROTECTED, RESOURCE);

    private AdapterSettings() {
    }
}
