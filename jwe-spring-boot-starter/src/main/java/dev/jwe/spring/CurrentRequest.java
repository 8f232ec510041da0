package dev.jwe.spring;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The HTTP request a {@link JweJwtDecoder} call belongs to, found through Spring's
 * {@link RequestContextHolder} (Spring's {@code JwtDecoder} gets only the token): its client
 * address, method and path go into the audit event, and the outcome is left on the request for
 * {@link JweAttemptFilter}. Outside a request (a decoder called from a message listener) there is
 * none, and nothing is recorded. Not thread-safe; one per call.
 */
final class CurrentRequest {
    /** Request attribute: the {@link VerifiedToken}, or the {@link Reason} of a rejection. */
    static final String ATTEMPT_ATTRIBUTE = "dev.jwe.spring.Attempt";
    /**
     * Request attribute: the {@link Reason} a 400 {@code invalid_request} was answered for, when
     * {@link JweBearerTokenResolver} refused the request for another reason than
     * {@link Reason#INVALID_REQUEST}.
     */
    static final String REFUSAL_ATTRIBUTE = "dev.jwe.spring.Refusal";

    private static final CurrentRequest NONE = new CurrentRequest(null);

    private final HttpServletRequest request;

    private CurrentRequest(HttpServletRequest request) {
        this.request = request;
    }

    /** The request of this thread, if any. */
    static CurrentRequest get() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return NONE;
        }
        return attributes instanceof ServletRequestAttributes servlet ? new CurrentRequest(servlet.getRequest()) : NONE;
    }

    /**
     * Client address, method and path of a request.
     *
     * @param request the request
     * @return what the audit event records
     */
    static RequestInfo info(HttpServletRequest request) {
        return new RequestInfo(request.getRemoteAddr(), request.getMethod(), request.getRequestURI());
    }

    RequestInfo info() {
        return request == null ? RequestInfo.NONE : info(request);
    }

    /**
     * The request as core's HTTP layer reads it: headers, URL and client certificate; outside a
     * request an empty one (no headers, no URL), so that a bound token is refused there.
     */
    RequestView view() {
        return new View(request);
    }

    /** A request, or none, as {@link RequestView}. */
    private record View(HttpServletRequest request) implements RequestView {
        @Override
        public String method() {
            return request == null ? "" : request.getMethod();
        }

        @Override
        public List<String> headers(String name) {
            if (request == null) {
                return List.of();
            }
            Enumeration<String> values = request.getHeaders(name);
            return values == null || !values.hasMoreElements() ? List.of() : Collections.list(values);
        }

        @Override
        public RequestInfo info() {
            return request == null ? RequestInfo.NONE : CurrentRequest.info(request);
        }

        @Override
        public String url() {
            return request == null ? null : request.getRequestURL().toString();
        }

        @Override
        public X509Certificate clientCertificate() {
            return request != null && request.getAttribute("jakarta.servlet.request.X509Certificate")
                    instanceof X509Certificate[] chain && chain.length > 0 ? chain[0] : null;
        }
    }

    void accepted(VerifiedToken token) {
        if (request != null) {
            request.setAttribute(JwePrincipal.REQUEST_ATTRIBUTE, token);
            request.setAttribute(ATTEMPT_ATTRIBUTE, token);
        }
    }

    void rejected(Reason reason) {
        if (request != null) {
            request.setAttribute(ATTEMPT_ATTRIBUTE, reason);
        }
    }
}
