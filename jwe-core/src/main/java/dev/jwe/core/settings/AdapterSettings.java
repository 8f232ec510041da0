package dev.jwe.core.settings;

import java.time.Duration;
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

    /** {@code jwe.dpop}: whether DPoP-bound tokens (RFC 9449) are accepted, and whether only they are. */
    public static final Setting<String> DPOP = CORE.string("jwe.dpop", "off",
            "DPoP (RFC 9449): off, allowed (Bearer and DPoP schemes) or required (DPoP only). A token with cnf.jkt"
                    + " needs a valid proof whatever the setting.");
    /** {@code jwe.dpop.algorithms}: accepted DPoP proof {@code alg} values. */
    public static final Setting<List<String>> DPOP_ALGORITHMS = CORE.list("jwe.dpop.algorithms",
            "Accepted DPoP proof alg values (asymmetric only), named in the DPoP challenge.")
            .documentedDefault("ES256, PS256, RS256, EdDSA");
    /** {@code jwe.dpop.max-age}: how old a proof ({@code iat}) may be. */
    public static final Setting<Duration> DPOP_MAX_AGE = CORE.duration("jwe.dpop.max-age", Duration.ofSeconds(60),
            "Oldest DPoP proof accepted (by iat, plus jwe.clock-skew); proof jti values are kept this long. PT1S to PT10M.")
            .documentedDefault("PT60S");
    /** {@code jwe.dpop.external-base-url}: the scheme, host and port clients use, behind a proxy. */
    public static final Setting<String> DPOP_EXTERNAL_BASE_URL = CORE.string("jwe.dpop.external-base-url", null,
            "The URL clients call (scheme://host[:port], no path) when a proxy sits in front; the proof's htu is"
                    + " compared with it plus the request path. Default: the URL the request arrived on (Host header).");
    /** {@code jwe.dpop.nonce}: require server nonces in proofs. */
    public static final Setting<Boolean> DPOP_NONCE = CORE.bool("jwe.dpop.nonce", false,
            "true: proofs must carry a server nonce (use_dpop_nonce with a DPoP-Nonce header otherwise); stateless,"
                    + " valid on every replica with the same jwe.dpop.nonce.key.");
    /** {@code jwe.dpop.nonce.key}: the HMAC key of the nonces. */
    public static final Setting<String> DPOP_NONCE_KEY = CORE.string("jwe.dpop.nonce.key", null,
            "Required with jwe.dpop.nonce=true: base64 or base64url HMAC key of at least 32 bytes, the same on every"
                    + " replica.").asSecret();
    /** {@code jwe.mtls.certificate-header}: read the client certificate from a header set by a TLS-terminating proxy. */
    public static final Setting<String> MTLS_CERTIFICATE_HEADER = CORE.string("jwe.mtls.certificate-header", null,
            "Read the TLS client certificate for cnf.x5t#S256 (RFC 8705) from this header (RFC 9440 Client-Cert,"
                    + " URL-encoded PEM or base64 DER). Only behind a proxy that sets it and removes it from client"
                    + " requests.");

    /** Every setting above, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(REALM, ANONYMOUS, ALLOW_PREFLIGHT, TOKEN_HEADER, TOKEN_COOKIE,
            TOKEN_COOKIE_CSRF_PROTECTED, RESOURCE, DPOP, DPOP_ALGORITHMS, DPOP_MAX_AGE, DPOP_EXTERNAL_BASE_URL,
            DPOP_NONCE, DPOP_NONCE_KEY, MTLS_CERTIFICATE_HEADER);

    private AdapterSettings() {
    }
}
