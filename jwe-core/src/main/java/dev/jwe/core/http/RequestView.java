package dev.jwe.core.http;

import dev.jwe.core.RequestInfo;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What {@link HttpAuthenticator} needs of a request, read by each adapter from its native
 * request: the method, header values, and the details for the audit trail. Cookies are read from
 * the {@code Cookie} header by core, so that every adapter sees the same token cookies. For
 * sender-constrained tokens an adapter also gives the URL the request arrived on (the DPoP proof's
 * {@code htu}, RFC 9449) and the TLS client certificate (RFC 8705); both default to unknown, which
 * refuses bound tokens rather than accepting them.
 */
public interface RequestView {

    /**
     * The HTTP method, e.g. {@code GET}.
     *
     * @return the method
     */
    String method();

    /**
     * Every value of a header, one per header line, in order.
     *
     * @param name the header name (case-insensitive)
     * @return the values; empty when the header is absent
     */
    List<String> headers(String name);

    /**
     * Client address (when the adapter knows it), method and path without query string.
     *
     * @return the details for the audit event
     */
    RequestInfo info();

    /**
     * The URL the request arrived on as the client addressed it: scheme, {@code Host} (with its
     * port) and path, without query or fragment, e.g. {@code https://api.example.com/orders}.
     *
     * @return the URL, or {@code null} when the adapter cannot tell (a DPoP proof then never matches
     *     unless {@code jwe.dpop.external-base-url} is set)
     */
    default String url() {
        return null;
    }

    /**
     * The client certificate of the TLS connection (for a Servlet container the first of
     * {@code jakarta.servlet.request.X509Certificate}).
     *
     * @return the certificate, or {@code null} when there is none or the adapter cannot tell
     */
    default X509Certificate clientCertificate() {
        return null;
    }
}
