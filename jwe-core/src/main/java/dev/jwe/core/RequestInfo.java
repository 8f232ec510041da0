package dev.jwe.core;

/**
 * What an adapter knows of the HTTP request, for the audit trail. Immutable.
 *
 * @param clientAddress the client's address, or {@code null}
 * @param method the HTTP method, or {@code null}
 * @param path the request path without query string, or {@code null}
 */
public record RequestInfo(String clientAddress, String method, String path) {
    /** No request details (CLI, tests). */
    public static final RequestInfo NONE = new RequestInfo(null, null, null);
}
