package dev.jwe.core.http;

import dev.jwe.core.RequestInfo;
import java.util.List;

/**
 * What {@link HttpAuthenticator} needs of a request, read by each adapter from its native
 * request: the method, header values, and the details for the audit trail. Cookies are read from
 * the {@code Cookie} header by core, so that every adapter sees the same token cookies.
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
}
